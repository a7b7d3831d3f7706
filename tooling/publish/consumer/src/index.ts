// A strict consumer of the published packages: what an instructor's script or another tool writes
// after `npm install @dlexam/generator @dlexam/export-moodle …`. It is only type-checked
// (`pnpm check:publish`), against the packed tarballs, with the strictest flags a consumer may use.
import { writeFileSync } from 'node:fs';
import { assembleExam, generateVariant, parseExamSpec, TemplateRegistry } from '@dlexam/generator';
import { checkResponse } from '@dlexam/generator';
import { DEFAULT_MULTIPLE_SCORING, numericKey } from '@dlexam/generator/grading';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { regularizationTemplates } from '@dlexam/topic-regularization';
import { rnnTemplates } from '@dlexam/topic-rnn';
import { toMoodleXml, variantsToMoodleXml } from '@dlexam/export-moodle';
import { toQtiZip } from '@dlexam/export-qti';
import { renderAnswerKey, renderStudentCopy } from '@dlexam/export-html';
import { htmlToPdf } from '@dlexam/export-html/pdf';
import { analyze } from '@dlexam/analyze';
import { svgProblem } from '@dlexam/svg-check';
import { escapeXml } from '@dlexam/markup';
import { matmul } from '@dlexam/math';
import type { Exam, Variant } from '@dlexam/types';

const registry = new TemplateRegistry([
  ...cnnTemplates,
  ...rnnTemplates,
  ...foundationsTemplates,
  ...optimizationTemplates,
  ...regularizationTemplates,
]);

const template = cnnTemplates[0];
if (template) {
  const variant: Variant = generateVariant(template, 7);
  writeFileSync('bank.moodle.xml', variantsToMoodleXml([variant]));
  console.log(checkResponse(variant, { kind: 'numeric', value: '3' }), DEFAULT_MULTIPLE_SCORING);
  if (variant.answer.kind === 'numeric') console.log(numericKey(variant.answer.numeric));
}

const spec = parseExamSpec(
  { title: 'Quiz', versions: 2, slots: [{ topic: 'cnn', count: 2 }] },
  registry,
);
const exam: Exam = assembleExam(spec, registry, { seed: 'fall-2026' });
writeFileSync('quiz.moodle.xml', toMoodleXml(exam));
writeFileSync('quiz.qti.zip', toQtiZip(exam));
const first = exam.versions[0];
if (first) writeFileSync('quiz-a.html', renderStudentCopy(exam, first));
const key = renderAnswerKey(exam);
void htmlToPdf(key).then((pdf) => writeFileSync('key.pdf', pdf));

console.log(svgProblem('<svg xmlns="http://www.w3.org/2000/svg"/>') ?? 'ok', matmul([[1]], [[2]]));
console.log(escapeXml('a < b & c'));
console.log(typeof analyze);
