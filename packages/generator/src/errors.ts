import { UserError } from '@dlexam/types';

/**
 * Errors a user can fix: bad ids, bad seeds, bad specs, exhausted pools. Apps print `message` as one
 * line and exit with code 2; anything else is a bug and keeps its stack trace.
 */
export class DlexamError extends UserError {
  override name = 'DlexamError';
  /** The message without its `at` prefix. */
  readonly detail: string;
  constructor(
    message: string,
    /**
     * Where the problem is (`spec.slots[2].count`, `seed`), when known: the generator's own names,
     * never an app's option names (apps relabel them, e.g. the CLI's `--seed`).
     */
    readonly at?: string,
  ) {
    super(at ? `${at}: ${message}` : message);
    this.detail = message;
  }
}

/**
 * Raised when rejection sampling gives up; names the template and the last rejected reason.
 * Templates also throw it to reject a draw, thousands of times a second, so it skips capturing a
 * stack trace: its message is the whole story, and apps print only that.
 */
export class GenerationError extends DlexamError {
  override name = 'GenerationError';
  constructor(message: string, at?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, at);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}
