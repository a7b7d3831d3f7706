/** Debian's Chromium, which the browser and print-to-PDF tests drive with playwright-core. */
export declare const CHROMIUM: '/usr/bin/chromium';
/**
 * Whether a browser or print-to-PDF test runs: where `executable` is installed, and always under
 * `CI=true` (where a browser that cannot start then fails the test instead of skipping it).
 */
export declare function runsBrowserTests(executable?: string): boolean;
