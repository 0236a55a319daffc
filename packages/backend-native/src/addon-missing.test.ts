import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import type { NativeAddon } from './addon.js';
import { nativeBackendName, registerNativeBackend } from './index.js';

// Nothing in this file registers the real addon: each test sees a fresh, unregistered backend.
const missing = () => {
  throw Object.assign(new Error("Cannot find module '../build/Release/dendrite_native.node'"), {
    code: 'MODULE_NOT_FOUND',
  });
};

describe('registerNativeBackend without its addon', () => {
  it('explains how to build the addon when it was never built', () => {
    expect(() => registerNativeBackend({ loadAddon: missing })).toThrowError(
      new tf.BackendError(
        'registerNativeBackend: its addon build/Release/dendrite_native.node was never built; to build it, install OpenBLAS and a compiler (Debian: `apt-get install libopenblas-dev g++ make`), then run `pnpm rebuild @dendrite/backend-native`',
      ),
    );
    expect(tf.findBackendFactory(nativeBackendName)).toBeNull();
  });

  it('reports why the addon did not link', () => {
    const unlinked = () => {
      throw new Error(
        'libopenblas.so.0: cannot open shared object file: No such file or directory',
      );
    };
    expect(() => registerNativeBackend({ loadAddon: unlinked })).toThrowError(
      /^registerNativeBackend: its addon did not load \(libopenblas\.so\.0: cannot open shared object file: No such file or directory\); to build it, install OpenBLAS/,
    );
  });

  it("lets useBackend('auto') fall back with the reason when the addon is missing", async () => {
    const cpu: tf.BackendCandidate = {
      name: 'cpu',
      tfName: 'cpu',
      module: '@tensorflow/tfjs-backend-cpu',
      auto: true,
      load: async () => undefined,
    };
    const choice = await tf.useBackend('auto', {
      log: false,
      candidates: [nativeCandidate(missing), cpu],
    });
    expect(choice.message).toBe('Dendrite backend: cpu');
    expect(choice.skipped).toEqual([
      {
        name: 'native',
        reason:
          '@dendrite/backend-native failed to load: registerNativeBackend: its addon build/Release/dendrite_native.node was never built; to build it, install OpenBLAS and a compiler (Debian: `apt-get install libopenblas-dev g++ make`), then run `pnpm rebuild @dendrite/backend-native`',
      },
    ]);
  });
});

/** The same candidate `@dendrite/tensor` lists for Node; its addon loader is injected. */
function nativeCandidate(load: () => NativeAddon): tf.BackendCandidate {
  return {
    name: 'native',
    tfName: nativeBackendName,
    module: '@dendrite/backend-native',
    auto: true,
    load: async () => registerNativeBackend({ loadAddon: load }),
  };
}
