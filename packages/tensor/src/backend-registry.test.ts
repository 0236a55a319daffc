import { afterEach, describe, expect, it } from 'vitest';
import type { BackendCandidate } from './backend.js';
import {
  mergeCandidates,
  registerBackendCandidate,
  unregisterBackendCandidate,
} from './backend-registry.js';

const candidate = (name: BackendCandidate['name'], priority?: number): BackendCandidate => ({
  name,
  tfName: name,
  module: `${name}-module`,
  auto: true,
  ...(priority === undefined ? {} : { priority }),
  load: async () => undefined,
});

const platform = [candidate('tensorflow', 40), candidate('wasm', 10), candidate('cpu', 0)];

afterEach(() => {
  unregisterBackendCandidate('native');
  unregisterBackendCandidate('wasm');
});

describe('backend candidate registry', () => {
  it('leaves the platform list as it is when nothing is registered', () => {
    expect(mergeCandidates(platform).map((c) => c.name)).toEqual(['tensorflow', 'wasm', 'cpu']);
  });

  it('places a registered candidate by its priority', () => {
    registerBackendCandidate(candidate('native', 20));
    expect(mergeCandidates(platform).map((c) => c.name)).toEqual([
      'tensorflow',
      'native',
      'wasm',
      'cpu',
    ]);
  });

  it('replaces a platform candidate of the same name, and unregisters', () => {
    const mine = { ...candidate('wasm', 45), module: 'my-wasm' };
    registerBackendCandidate(mine);
    expect(mergeCandidates(platform)[0]).toBe(mine);
    expect(unregisterBackendCandidate('wasm')).toBe(true);
    expect(unregisterBackendCandidate('wasm')).toBe(false);
    expect(mergeCandidates(platform)[1]?.module).toBe('wasm-module');
  });

  it('keeps the platform order for equal or missing priorities', () => {
    expect(
      mergeCandidates([candidate('webgl'), candidate('wasm'), candidate('cpu')]).map((c) => c.name),
    ).toEqual(['webgl', 'wasm', 'cpu']);
  });
});
