// What the check scripts share: a scratch folder, a failure list that prints as it grows, the
// seconds since the start, and one closing line whose exit code says whether every check passed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts a check run named `label` (the name its closing line gives). */
export function startCheckRun(label) {
  const scratch = mkdtempSync(join(tmpdir(), 'dendrite-check-'));
  const failures = [];
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  return {
    scratch,
    elapsed,
    /** Records one failed check and prints it. */
    fail(what) {
      failures.push(what);
      console.log(`FAIL ${what}`);
    },
    /** Removes the scratch folder, or keeps it and says where (for a `finally`). */
    cleanUp({ keep = false } = {}) {
      if (keep) console.log(`kept ${scratch}`);
      else rmSync(scratch, { recursive: true, force: true });
    },
    /** Prints the failure count and sets the exit code (once every check has run). */
    report() {
      console.log(`${label}: ${failures.length} failure(s) in ${elapsed()}`);
      if (failures.length > 0) process.exitCode = 1;
    },
  };
}
