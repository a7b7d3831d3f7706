/**
 * The base of every error a user can fix, in every layer: a bad id or seed, a bad spec, an exhausted
 * pool, an exam a format cannot express. Apps print `message` as one line and exit with code 2;
 * any other error is a bug and keeps its stack trace. (One class, so the CLI and the web app need
 * not know each package's own error names.)
 */
export class UserError extends Error {
  override name = 'UserError';
}
