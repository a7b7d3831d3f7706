import { existsSync } from 'node:fs';

/** Debian's Chromium, which the browser and print-to-PDF tests drive with playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether a browser or print-to-PDF test runs: where `executable` is installed, and always under
 * `CI=true`. A developer machine without Chromium skips those tests (with the reason in the test
 * name); CI installs Chromium (`.ci/run`), so there a browser that cannot start fails the test
 * instead of skipping it.
 */
export function runsBrowserTests(executable = CHROMIUM) {
  return existsSync(executable) || process.env.CI === 'true';
}
