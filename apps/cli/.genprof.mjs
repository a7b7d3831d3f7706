import { generateVariant } from '@dlexam/generator';
const mods = await Promise.all(['cnn','rnn','regularization','optimization','foundations'].map(t => import(`@dlexam/topic-${t}`)));
const templates = mods.flatMap(m => Object.values(m).filter(x => Array.isArray(x) && x[0]?.id && x[0]?.build)).flat();
const uniq = [...new Map(templates.map(t => [t.id, t])).values()];
const kinds = uniq.flatMap(t => t.kinds.map(k => [t, k]));
for (const [t,k] of kinds) generateVariant(t, 'warm', { kind: k });
const N = Number(process.env.N ?? 20000);
const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) { const [t,k] = kinds[i % kinds.length]; generateVariant(t, i, { kind: k }); }
const c = process.cpuUsage(c0);
console.log(uniq.length, kinds.length, 'variants/CPU-s', Math.round(N / ((c.user + c.system)/1e6)));
