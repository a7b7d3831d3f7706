/**
 * Prints the slowest test files, then one plain line `N passed, N failed` after a run, because CI
 * reads that line rather than vitest's own summary. Skipped and todo tests are reported separately.
 * `DLEXAM_SLOWEST=<n>` sets how many files are listed (default 10; 0 lists none).
 */
export default class SummaryReporter {
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A module that failed to load has no tests but is a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    failed += unhandledErrors?.length ?? 0;
    const slowest = slowestFiles(testModules, this.root, Number(process.env.DLEXAM_SLOWEST ?? 10));
    process.stdout.write(
      `${slowest}\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}

/** The `n` test files that took longest (wall time of the file's tests, setup and import). */
function slowestFiles(testModules, root, n) {
  if (!(n > 0) || testModules.length < 2) return '';
  const rows = testModules
    .map((mod) => {
      const d = mod.diagnostic();
      return {
        ms: d.duration + d.setupDuration + d.collectDuration,
        file:
          root && mod.moduleId.startsWith(root)
            ? mod.moduleId.slice(root.length + 1)
            : mod.moduleId,
      };
    })
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n);
  const lines = rows.map((r) => `${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.file}`);
  return `\nSlowest test files:\n${lines.join('\n')}\n`;
}
