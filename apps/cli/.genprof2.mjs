import { generateVariant } from '@dlexam/generator';
const mods = await Promise.all(['cnn','rnn','regularization','optimization','foundations'].map(t => import(`@dlexam/topic-${t}`)));
const templates = mods.flatMap(m => Object.values(m).filter(x => Array.isArray(x) && x[0]?.id && x[0]?.build)).flat();
const uniq = [...new Map(templates.map(t => [t.id, t])).values()];
const builds = new Map(), cpu = new Map();
for (const t of uniq) { const b = t.build; t.build = function (p, c) { builds.set(t.id, (builds.get(t.id)||0)+1); return b.call(this, p, c); }; }
const kinds = uniq.flatMap(t => t.kinds.map(k => [t, k]));
const N = 196*50; let total=0;
for (let i = 0; i < N; i++) { const [t,k] = kinds[i % kinds.length]; const c0 = process.cpuUsage(); generateVariant(t, i, { kind: k }); const c = process.cpuUsage(c0); cpu.set(t.id+' '+k, (cpu.get(t.id+' '+k)||0) + c.user+c.system); }
let tb = 0; for (const v of builds.values()) tb += v;
console.log('builds per variant', (tb/N).toFixed(2));
console.log([...builds].sort((a,b)=>b[1]-a[1]).slice(0,12).map(([k,v])=>`${k} ${(v/ (N/196) / uniq.find(t=>t.id===k).kinds.length).toFixed(1)}`).join('\n'));
const all=[...cpu].sort((a,b)=>b[1]-a[1]); const sum = all.reduce((s,x)=>s+x[1],0);
console.log(all.slice(0,25).map(([k,v])=>`${(100*v/sum).toFixed(1)}% ${k} ${(v/50/1000).toFixed(2)}ms`).join('\n'));
