import { describe, expect, it } from 'vitest';
import {
  checkResponse,
  createRng,
  generateVariant,
  numericKey,
  type Response,
  type Rng,
  type AnyTemplate,
} from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import { chooseNext, preferVariant } from './coach.js';
import { allMastered, emptyState, recordAttempt, type LearnerState } from './learner.js';

/**
 * The coach against random practice, with a scripted student on the CNN topic's real templates,
 * graded by the real checker. The student knows every template (right 90 % of the time) except one:
 * on `cnn.conv-output-size` they divide by the kernel size instead of the stride
 * (`kernel-as-stride`), and answer it wrong until they have met that mistake's feedback twice.
 * Both runs stop when the model rates every CNN template mastered (P(L) ≥ 0.95).
 */
const WEAK = 'cnn.conv-output-size';
const MISCONCEPTION = 'kernel-as-stride';
const FIX_AFTER = 2;
const LIMIT = 600;
const catalogue = cnnTemplates.map((t) => ({
  id: t.id,
  topic: t.topic,
  title: t.title,
  difficulty: t.difficulty,
}));
const byId = new Map<string, AnyTemplate>(cnnTemplates.map((t) => [t.id, t]));

function rightResponse(v: Variant): Response {
  const a = v.answer;
  switch (a.kind) {
    case 'numeric':
      return { kind: 'numeric', value: numericKey(a.numeric).value };
    case 'single':
      return { kind: 'single', choice: a.correct };
    case 'multiple':
      return { kind: 'multiple', choices: a.correct };
    case 'matching':
      return { kind: 'matching', answers: a.pairs.map((p) => p.answer) };
    case 'short':
      return { kind: 'short', text: a.accepted[0]! };
    case 'table':
      return {
        kind: 'table',
        cells: a.rows.map((r) =>
          r.map((c) =>
            c.type === 'text'
              ? null
              : c.type === 'numeric'
                ? numericKey(c.answer).value
                : c.correct,
          ),
        ),
      };
  }
}

/** A wrong answer: the misconception's option where offered, else the first other wrong option. */
function wrongResponse(v: Variant, misconception: string): Response {
  const a = v.answer;
  const i = v.choices.findIndex((c) => !c.correct && c.misconception === misconception);
  const j = i >= 0 ? i : v.choices.findIndex((c) => !c.correct);
  const c = v.choices[j];
  if (a.kind === 'numeric')
    return { kind: 'numeric', value: c?.value !== undefined ? String(c.value) : '-12345' };
  if (a.kind === 'single') return { kind: 'single', choice: j };
  if (a.kind === 'multiple') return { kind: 'multiple', choices: [...a.correct, j] };
  if (a.kind === 'table') return { kind: 'table', cells: a.rows.map((r) => r.map(() => null)) };
  if (a.kind === 'matching') return { kind: 'matching', answers: a.pairs.map(() => '') };
  return { kind: 'short', text: '?' };
}

function seedOf(rng: Rng): string {
  return `p${rng.int(0, 0xffffffff).toString(16).padStart(8, '0')}${rng.int(0, 255).toString(16).padStart(2, '0')}`;
}

/** Questions until every template is mastered (LIMIT if never), and until the weak one is. */
function run(mode: 'coach' | 'random', student: number): { all: number; weak: number } {
  const rng = createRng(`sim-${mode}-${student}`);
  const studentRng = createRng(`student-${student}`);
  let state: LearnerState = emptyState();
  let feedbackSeen = 0;
  let weakAt = LIMIT;
  const t0 = Date.UTC(2026, 0, 5);
  for (let q = 1; q <= LIMIT; q++) {
    const now = t0 + q * 60_000;
    let template: AnyTemplate;
    let seed: string;
    let kind: Variant['kind'] | undefined;
    if (mode === 'coach') {
      const c = chooseNext(state, catalogue, now, () => rng.next());
      template = byId.get(c.templateId)!;
      const pick = preferVariant(
        template,
        Array.from({ length: 8 }, () => seedOf(rng)),
        c.misconception,
      );
      seed = pick.seed;
      kind = pick.kind;
    } else {
      template = rng.choice(cnnTemplates);
      seed = seedOf(rng);
    }
    const v = generateVariant(template, seed, kind ? { kind } : {});
    const stuck = template.id === WEAK && feedbackSeen < FIX_AFTER;
    const knows = !stuck && studentRng.next() < 0.9;
    const r = checkResponse(v, knows ? rightResponse(v) : wrongResponse(v, MISCONCEPTION));
    if (knows) expect(r.correct, `${v.templateId} ${v.seed}`).toBe(true);
    if (r.misconception === MISCONCEPTION) feedbackSeen++;
    state = recordAttempt(
      state,
      {
        templateId: v.templateId,
        topic: v.topic,
        title: v.title,
        kind: v.kind,
        options: v.choices.length,
        correct: r.correct,
        ...(r.misconception ? { misconception: r.misconception, feedback: r.feedback } : {}),
      },
      now,
    );
    if (weakAt === LIMIT && allMastered(state, [WEAK], now)) weakAt = q;
    if (
      allMastered(
        state,
        catalogue.map((t) => t.id),
        now,
      )
    )
      return { all: q, weak: weakAt };
  }
  return { all: LIMIT, weak: weakAt };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('simulation: coaching against random practice', () => {
  it('a student with a fixed misconception reaches mastery in fewer questions with the coach', () => {
    const students = Array.from({ length: 12 }, (_, i) => i);
    const coach = students.map((s) => run('coach', s));
    const random = students.map((s) => run('random', s));
    const fmt = (xs: { all: number; weak: number }[]) =>
      `all CNN templates mastered after ${mean(xs.map((x) => x.all)).toFixed(1)} questions ` +
      `(max ${Math.max(...xs.map((x) => x.all))}), ${WEAK} after ${mean(xs.map((x) => x.weak)).toFixed(1)}`;
    console.log(`coach:  ${fmt(coach)}\nrandom: ${fmt(random)}`);
    expect(coach.every((x) => x.all < LIMIT)).toBe(true);
    expect(mean(coach.map((x) => x.all))).toBeLessThan(0.7 * mean(random.map((x) => x.all)));
    expect(mean(coach.map((x) => x.weak))).toBeLessThan(mean(random.map((x) => x.weak)));
    // Student by student, too.
    for (const s of students) expect(coach[s]!.all).toBeLessThan(random[s]!.all);
  });
});
