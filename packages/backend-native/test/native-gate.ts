import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { loadAddon, prebuiltPath, sourceBuildPath } from '../src/addon.js';
import { packageRoot } from './child.js';

/** What the package's tests do about the addon: run, skip (saying why, once) or fail (CI). */
export interface AddonGate {
  readonly kind: 'run' | 'skip' | 'fail';
  /** The one line that says why the native tests do not run and how to get the addon. */
  readonly line: string;
}

/**
 * The gate for an addon load `problem` (`undefined`: it loaded): without the addon the native
 * tests are skipped, except under `CI=true`, where a missing addon is a failure.
 */
export function addonGate(problem: string | undefined, env: NodeJS.ProcessEnv): AddonGate {
  if (problem === undefined) return { kind: 'run', line: '' };
  const line = `@dendrite/backend-native: native tests skipped: the addon did not load (${problem}); to get it: apt-get install libopenblas-dev g++, then pnpm --filter @dendrite/backend-native build:addon`;
  return { kind: env.CI === 'true' ? 'fail' : 'skip', line };
}

/** Why the addon does not load here, or `undefined` when it does. */
function loadProblem(): string | undefined {
  // Lets a developer with the addon check the skip path: DENDRITE_TEST_HIDE_ADDON=1.
  if (process.env.DENDRITE_TEST_HIDE_ADDON === '1') return 'hidden by DENDRITE_TEST_HIDE_ADDON=1';
  try {
    loadAddon();
    return undefined;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  }
}

/** This machine's gate. */
export const gate: AddonGate = addonGate(loadProblem(), process.env);

/** Whether the addon loaded, so native tests run. */
export const hasAddon = gate.kind === 'run';

/** `describe` for tests that need the addon: skipped without it (see `addon-gate.test.ts`). */
export const describeNative: typeof describe = describe.skipIf(!hasAddon) as typeof describe;

/** `it` for a test that needs the addon. */
export const itNative: typeof it = it.skipIf(!hasAddon) as typeof it;

/** The addon file that loads (a source build first, as `loadAddon` picks), for child processes. */
export function addonFile(): string {
  const candidates = [sourceBuildPath, prebuiltPath()].filter((p): p is string => p !== undefined);
  const found = candidates.find((path) => existsSync(join(packageRoot, path)));
  return join(packageRoot, found ?? sourceBuildPath);
}
