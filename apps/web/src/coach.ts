import { generateVariant, type AnyTemplate } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import { BKT, pKnown, topicMastery, type CatalogueEntry, type LearnerState } from './learner.js';

/**
 * "Coach me": the next question from the learner model (`learner.ts`), with a one-line reason.
 *
 * 1. A misconception hit on the last answer: another question of the same template, preferring a
 *    variant whose wrong options include that misconception (`preferVariant`), so the student meets
 *    the same trap again right after its feedback.
 * 2. Otherwise the weakest template practised but not mastered, with a bonus for templates whose
 *    misconceptions were hit in the last ten answers.
 * 3. Otherwise a mastered template due for spaced review (the interval doubles with each right answer
 *    in a row, from one day).
 * 4. Otherwise a new template, of the difficulty suiting the topic's mastery (1 below 40 %, 2 below
 *    75 %, then 3), from the topic with the least mastery.
 * The same template is not offered twice in a row except for rule 1.
 */
export interface CoachChoice {
  templateId: string;
  reason: string;
  /** The misconception to target with the variant (rule 1). */
  misconception?: string;
}

const DAY = 86_400_000;

/** "You divided by the kernel size instead of the stride." → "you divided by the kernel size instead of the stride" */
function clause(feedback: string): string {
  const first = (feedback.split(/(?<=\.)\s/)[0] ?? feedback).replace(/[.:;]\s*$/, '');
  return /^You\b/.test(first) ? `you${first.slice(3)}` : first;
}

const pct = (p: number) => `${Math.round(p * 100)} %`;

export function chooseNext(
  state: LearnerState,
  catalogue: readonly CatalogueEntry[],
  now: number,
  random: () => number,
): CoachChoice {
  if (!catalogue.length) throw new Error('the coach needs at least one template');
  const byId = new Map(catalogue.map((t) => [t.id, t]));
  const last = state.log[state.log.length - 1];

  // 1. The misconception just hit.
  if (last && !last.correct && last.misconception && byId.has(last.templateId)) {
    const m = state.misconceptions[last.misconception];
    const t = byId.get(last.templateId)!;
    const what = m?.feedback ? clause(m.feedback) : `your answer matched “${last.misconception}”`;
    return {
      templateId: t.id,
      misconception: last.misconception,
      reason: `Last time ${what} — here is another “${t.title}” question with that trap.`,
    };
  }

  const recent = new Set(
    state.log
      .slice(-10)
      .filter((a) => a.misconception)
      .map((a) => a.templateId),
  );
  const candidates = catalogue.filter((t) => t.id !== last?.templateId || catalogue.length === 1);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length) % list.length]!;

  // 2. Weak templates (not mastered at the last answer): lowest P(L) first, recent mistakes weigh
  //    more. A mastered template that has since decayed comes back as a review (3).
  const weak = candidates
    .filter((t) => state.templates[t.id] && state.templates[t.id]!.p < BKT.mastery)
    .map((t) => ({
      t,
      score: 1 - pKnown(state.templates[t.id], now) + (recent.has(t.id) ? 0.3 : 0),
    }))
    .sort((a, b) => b.score - a.score || a.t.id.localeCompare(b.t.id));
  if (weak.length) {
    const best = weak[0]!.t;
    const p = pKnown(state.templates[best.id], now);
    return {
      templateId: best.id,
      reason: recent.has(best.id)
        ? `“${best.title}” tripped you up recently (mastery ${pct(p)}) — one more.`
        : `“${best.title}” is your weakest so far (mastery ${pct(p)}) — practise it.`,
    };
  }

  // 3. Spaced review of mastered templates whose interval has passed.
  const due = candidates
    .filter((t) => {
      const r = state.templates[t.id];
      return (
        r &&
        (pKnown(r, now) < BKT.mastery || now - r.last >= DAY * Math.pow(2, Math.max(0, r.run - 1)))
      );
    })
    .sort((a, b) => state.templates[a.id]!.last - state.templates[b.id]!.last);
  if (due.length) {
    const t = due[0]!;
    const days = Math.floor((now - state.templates[t.id]!.last) / DAY);
    return {
      templateId: t.id,
      reason: `Review: you mastered “${t.title}” ${days === 1 ? 'a day' : `${days} days`} ago — check it is still there.`,
    };
  }

  // 4. Something new, from the least-mastered topic, at the difficulty that suits it.
  const fresh = candidates.filter((t) => !state.templates[t.id]);
  if (fresh.length) {
    const mastery = topicMastery(state, catalogue, now);
    // Ties go to the topic listed first in the catalogue (foundations before the rest).
    const order = [...new Set(catalogue.map((t) => t.topic))];
    const topics = [...new Set(fresh.map((t) => t.topic))].sort(
      (a, b) => (mastery[a] ?? 0) - (mastery[b] ?? 0) || order.indexOf(a) - order.indexOf(b),
    );
    const lowest = mastery[topics[0]!] ?? 0;
    const inTopic = fresh.filter((t) => (mastery[t.topic] ?? 0) <= lowest + 1e-9);
    const m = mastery[inTopic[0]!.topic] ?? 0;
    const level = m < 0.4 ? 1 : m < 0.75 ? 2 : 3;
    const gap = (t: CatalogueEntry) => Math.abs(t.difficulty - level);
    const closest = Math.min(...inTopic.map(gap));
    const t = pick(inTopic.filter((x) => gap(x) === closest));
    return {
      templateId: t.id,
      reason: `New for you: “${t.title}” (${t.topic}, difficulty ${t.difficulty}).`,
    };
  }

  // Everything mastered and nothing due: the least recently practised.
  const t = [...candidates].sort(
    (a, b) => (state.templates[a.id]?.last ?? 0) - (state.templates[b.id]?.last ?? 0),
  )[0]!;
  return { templateId: t.id, reason: `Everything is mastered — keeping “${t.title}” fresh.` };
}

/** Whether the variant offers the misconception as a wrong option (or a modelled wrong number). */
export function offersMisconception(v: Variant, misconception: string): boolean {
  return v.choices.some((c) => !c.correct && c.misconception === misconception);
}

/**
 * The first of `seeds` whose variant offers the misconception (each of the template's kinds tried,
 * the default kind first); the first seed in the default kind when none does.
 */
export function preferVariant(
  template: AnyTemplate,
  seeds: readonly string[],
  misconception: string | undefined,
): { seed: string; kind?: Variant['kind']; matched: boolean } {
  if (!seeds.length) throw new Error('preferVariant needs at least one seed');
  if (misconception) {
    for (const seed of seeds) {
      const v = generateVariant(template, seed);
      if (offersMisconception(v, misconception)) return { seed, matched: true };
      for (const kind of template.kinds) {
        if (kind === v.kind) continue;
        const w = generateVariant(template, seed, { kind });
        if (offersMisconception(w, misconception)) return { seed, kind, matched: true };
      }
    }
  }
  return { seed: seeds[0]!, matched: false };
}
