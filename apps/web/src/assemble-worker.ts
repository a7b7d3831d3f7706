/**
 * The builder's "Preview versions" runs here, off the page's thread: it parses the spec against the
 * built-in registry (every topic chunk, loaded in the worker) and assembles the exam, which is
 * posted back (500 versions took 1.3 s on the page's thread before). Started per preview by
 * `assembleInWorker` (`builder.ts`).
 */
import { assembleExam, parseExamSpec } from '@dlexam/generator';
import { loadRegistry } from './catalog.js';

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<{ spec: unknown }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = async (ev) => {
  try {
    const registry = await loadRegistry();
    const exam = assembleExam(parseExamSpec(ev.data.spec, registry), registry);
    scope.postMessage({ ok: true, exam });
  } catch (e) {
    scope.postMessage({ ok: false, message: (e as Error).message });
  }
};
