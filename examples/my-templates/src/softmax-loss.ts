import { defineTemplate } from '@dlexam/generator';
import { argmax, crossEntropy, formatFixed, softmax } from '@dlexam/math';

type P = { logits: number[]; target: number };

const NAMES = ['cat', 'dog', 'bird'];
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A bar chart of the logits, built from the parameters (inline SVG, no external references). */
function logitChart(logits: number[], target: number): { svg: string; alt: string } {
  const bars = logits
    .map((z, i) => {
      const x = 30 + i * 70;
      const h = Math.abs(z) * 15;
      const y = z >= 0 ? 80 - h : 80;
      return (
        `<rect x="${x}" y="${y}" width="40" height="${h}" fill="${i === target ? '#2a6' : '#888'}"/>` +
        `<text x="${x + 20}" y="140" text-anchor="middle" font-size="12">${NAMES[i]} (${z})</text>`
      );
    })
    .join('');
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 150" width="240" height="150"><line x1="20" y1="80" x2="230" y2="80" stroke="#333"/>${bars}</svg>`,
    alt: `Bar chart of the logits: ${logits.map((z, i) => `${NAMES[i]} ${z}`).join(', ')}; the true class ${NAMES[target]} is highlighted.`,
  };
}

export const softmaxLoss = defineTemplate<P>({
  id: 'myclass.softmax-loss',
  topic: 'foundations',
  title: 'Cross-entropy of a softmax classifier',
  objective: 'Compute the cross-entropy loss of one example from its logits.',
  difficulty: 2,
  tags: ['softmax', 'cross-entropy', 'loss'],
  kinds: ['numeric', 'single'],
  params: {
    logits: {
      type: 'int-vector',
      length: [3, 3],
      min: -3,
      max: 3,
      description: 'logits of the classes cat, dog, bird',
      // Draws: whole logits from −3 to 3. A pin may hold any logit the chart can show.
      valid: { length: [3, 3], min: -4, max: 4, decimals: 2 },
    },
    target: { type: 'int', min: 0, max: 2, description: 'index of the true class' },
  },
  constraints: [
    {
      description: 'the logits are distinct (one predicted class)',
      check: (p) => new Set(p.logits).size === p.logits.length,
      prefer: true, // a draw preference: an instructor may pin tied logits
      params: ['logits'],
    },
  ],
  build(p, ctx) {
    const loss = crossEntropy(p.logits, p.target);
    const probs = softmax(p.logits);
    const predicted = argmax(p.logits);
    const data = {
      z: p.logits.join(', '),
      cls: NAMES[p.target],
      zt: p.logits[p.target],
      lse: formatFixed(loss + p.logits[p.target]!, 4),
      pt: formatFixed(probs[p.target]!, 4),
      loss: formatFixed(loss, 3),
    };
    const stems = [
      'A classifier outputs the logits \\(z = ({{z}})\\) for the classes cat, dog, bird. The true class is {{cls}}. What is the cross-entropy loss \\(-\\ln \\operatorname{softmax}(z)_{\\text{ {{cls}} }}\\) (natural log)? Give 3 decimals.',
      'For one example the network gives logits ({{z}}) over cat, dog and bird, and the label is {{cls}}. Compute the softmax cross-entropy loss with the natural logarithm, to 3 decimals.',
      'Logits \\(({{z}})\\) over (cat, dog, bird), true label {{cls}}: what loss does softmax followed by cross-entropy (natural log) give? Round to 3 decimals.',
    ];
    const distractors = [
      {
        value: round3(loss / Math.LN2),
        misconception: 'log-base-2',
        feedback: 'Cross-entropy here uses the natural logarithm, not log base 2.',
      },
      {
        value: -round3(loss),
        misconception: 'dropped-minus-sign',
        feedback: 'The loss is the negative log-probability, so it is never negative.',
      },
      {
        value: -p.logits[p.target]!,
        misconception: 'no-normalization',
        feedback: 'The logit must go through the softmax first: subtract it from log-sum-exp.',
      },
    ];
    if (predicted !== p.target)
      distractors.push({
        value: round3(crossEntropy(p.logits, predicted)),
        misconception: 'predicted-class',
        feedback: 'The loss uses the probability of the true class, not of the predicted one.',
      });
    return {
      stem: ctx.render(stems[ctx.rng.int(0, stems.length - 1)]!, data),
      solution: ctx.render(
        '\\(\\ln \\sum_j e^{z_j} = {{lse}}\\), so \\(p_{\\text{ {{cls}} }} = {{pt}}\\) and the loss is \\({{lse}} - ({{zt}}) = {{loss}}\\).',
        data,
      ),
      answer: { type: 'numeric', value: loss, decimals: 3, distractors },
      figure: logitChart(p.logits, p.target),
    };
  },
  // Independent of the math core: log of the summed exponentials, straight from the definition.
  verify(v, p) {
    const expected = Math.log(p.logits.reduce((s, z) => s + Math.exp(z), 0)) - p.logits[p.target]!;
    const key =
      v.answer.kind === 'numeric'
        ? v.answer.numeric.value
        : v.choices.find((c) => c.correct)?.value;
    if (key === undefined || Math.abs(key - expected) > 0.0005 + 1e-12)
      throw new Error(`key ${key} is not ${expected} rounded to 3 decimals`);
  },
});
