import { randomBytes } from 'node:crypto';
import type { Io } from './io.js';

/** The real process's streams, directory and signals (kept apart from io.ts: `--help` loads it). */
export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    secretSeed: () => randomBytes(8).toString('hex'),
    trapSignals: (cleanup) => {
      const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
        const handler = () => {
          cleanup();
          process.stderr.write(`\ndlexam: interrupted (${signal}); no file was written\n`);
          process.exit(signal === 'SIGINT' ? 130 : 143);
        };
        process.on(signal, handler);
        return [signal, handler] as const;
      });
      return () => {
        for (const [signal, handler] of handlers) process.off(signal, handler);
      };
    },
  };
}
