import { describe, expect, it } from 'vitest';
import { addonGate, gate } from '../test/native-gate.js';

// The one line a machine without the addon sees: this file's only output.
if (gate.kind !== 'run') console.warn(gate.line);

describe('the native addon on this machine', () => {
  it.runIf(gate.kind === 'run')('loads, so every native test runs', () => {
    expect(gate.line).toBe('');
  });
  it.runIf(gate.kind === 'skip')(gate.line || 'is missing', () => {
    // Reported as skipped: the title is the reason and the remedy.
  });
  it.runIf(gate.kind === 'fail')('is required under CI=true', () => {
    throw new Error(gate.line);
  });
});

describe('addonGate', () => {
  const problem = 'no addon at build/Release/dendrite_native.node';
  it('runs the native tests when the addon loads, under CI or not', () => {
    expect(addonGate(undefined, {}).kind).toBe('run');
    expect(addonGate(undefined, { CI: 'true' }).kind).toBe('run');
  });

  it('skips them with one line that says why and how to get the addon', () => {
    expect(addonGate(problem, {})).toEqual({
      kind: 'skip',
      line: '@dendrite/backend-native: native tests skipped: the addon did not load (no addon at build/Release/dendrite_native.node); to get it: apt-get install libopenblas-dev g++, then pnpm --filter @dendrite/backend-native build:addon',
    });
  });

  it('fails under CI=true, where the addon must be built', () => {
    expect(addonGate(problem, { CI: 'true' }).kind).toBe('fail');
    expect(addonGate(problem, { CI: 'false' }).kind).toBe('skip');
  });
});
