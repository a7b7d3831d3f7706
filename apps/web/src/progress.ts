import { emptyState, parseLearnerState, type LearnerState } from './learner.js';

/**
 * The learner model's state (`learner.ts`) in localStorage: nothing leaves the browser. Export and
 * import (the progress page) move it between browsers as a JSON file.
 */
export const LEARNER_KEY = 'dlexam.learner.v1';

export function loadLearner(): LearnerState {
  try {
    const raw = localStorage.getItem(LEARNER_KEY);
    if (!raw) return emptyState();
    const s = parseLearnerState(raw);
    return 'error' in s ? emptyState() : s;
  } catch {
    return emptyState();
  }
}

export function saveLearner(s: LearnerState): void {
  try {
    localStorage.setItem(LEARNER_KEY, JSON.stringify(s));
  } catch {
    // Storage full or disabled: progress is a convenience, practice goes on.
  }
}

export function resetLearner(): LearnerState {
  try {
    localStorage.removeItem(LEARNER_KEY);
  } catch {
    // As above.
  }
  return emptyState();
}
