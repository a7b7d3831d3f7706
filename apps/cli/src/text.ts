import { formatNumericAnswer } from '@dlexam/generator';
import { richTextToPlain, type Variant } from '@dlexam/types';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function indent(s: string, pad = '  '): string {
  return s
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

/** A variant as readable terminal text: stem, options, answer, solution. */
export function variantAsText(v: Variant): string {
  const out: string[] = [];
  out.push(`${v.templateId} — ${v.title}  (seed ${v.seed}, kind ${v.kind}, ${v.points} pt)`);
  out.push('', richTextToPlain(v.stem));
  if (v.figure) out.push('', `[figure: ${v.figure.alt}]`);
  const a = v.answer;
  if (a.kind === 'single' || a.kind === 'multiple') {
    out.push('', ...v.choices.map((c, i) => `  ${LETTERS[i]}. ${c.plain}`));
  }
  out.push('', 'Answer:');
  switch (a.kind) {
    case 'numeric':
      out.push(
        `  ${formatNumericAnswer(a.numeric)}${a.numeric.unit ? ` ${a.numeric.unit}` : ''}` +
          (a.numeric.tolerance ? ` (± ${a.numeric.tolerance})` : ''),
      );
      for (const c of v.choices.filter((x) => !x.correct))
        out.push(`  ✗ ${c.plain}: ${c.feedback}`);
      break;
    case 'single':
    case 'multiple': {
      const correct = a.kind === 'single' ? [a.correct] : a.correct;
      out.push(`  ${correct.map((i) => `${LETTERS[i]}. ${v.choices[i]?.plain}`).join('\n  ')}`);
      for (const [i, c] of v.choices.entries())
        if (!c.correct) out.push(`  ✗ ${LETTERS[i]}: ${c.feedback}`);
      break;
    }
    case 'matching':
      for (const p of a.pairs) out.push(`  ${p.promptPlain} → ${p.answerPlain}`);
      if (a.distractors.length)
        out.push(`  (unused: ${a.distractors.map((d) => d.plain).join('; ')})`);
      break;
    case 'short':
      out.push(`  ${a.accepted.join(' | ')}`);
      break;
    case 'table':
      out.push(`  ${a.header.join(' | ')}`);
      for (const row of a.rows)
        out.push(
          '  ' +
            row
              .map((c) =>
                c.type === 'text'
                  ? c.plain
                  : c.type === 'numeric'
                    ? `[${formatNumericAnswer(c.answer)}]`
                    : `[${c.options[c.correct]?.plain}]`,
              )
              .join(' | '),
        );
      break;
  }
  out.push('', 'Solution:', indent(richTextToPlain(v.solution)), '');
  return out.join('\n');
}
