/** Per-topic practice progress kept in localStorage (tried, right, current streak). */
export interface TopicProgress {
  tried: number;
  right: number;
  streak: number;
}

const KEY = 'dlexam.progress.v1';

export function loadProgress(): Record<string, TopicProgress> {
  try {
    const raw = localStorage.getItem(KEY);
    const data = raw ? (JSON.parse(raw) as unknown) : {};
    return data && typeof data === 'object' ? (data as Record<string, TopicProgress>) : {};
  } catch {
    return {};
  }
}

export function recordAttempt(topic: string, correct: boolean): Record<string, TopicProgress> {
  const all = loadProgress();
  const p = all[topic] ?? { tried: 0, right: 0, streak: 0 };
  all[topic] = {
    tried: p.tried + 1,
    right: p.right + (correct ? 1 : 0),
    streak: correct ? p.streak + 1 : 0,
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Storage full or disabled: progress is a convenience, practice goes on.
  }
  return all;
}
