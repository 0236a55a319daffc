import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { itNative } from '../test/native-gate.js';
import { loadAddon } from './addon.js';
import { nativeBackendName, nativeKernelNames, registerNativeBackend } from './index.js';

describe('registerNativeBackend', () => {
  it('rejects a thread count that is not an integer from 1 to 16', () => {
    expect(() => registerNativeBackend({ threads: 0 })).toThrowError(
      new tf.ConfigError(
        'registerNativeBackend: `threads` must be an integer from 1 to 16; received 0',
      ),
    );
    expect(() => registerNativeBackend({ threads: 1.5 })).toThrowError(
      'registerNativeBackend: `threads` must be an integer from 1 to 16; received 1.5',
    );
    expect(() => registerNativeBackend({ threads: 17 })).toThrowError(
      'registerNativeBackend: `threads` must be an integer from 1 to 16; received 17',
    );
  });

  it('rejects a keepFreedMemory that is not a boolean', () => {
    expect(() => registerNativeBackend({ keepFreedMemory: 'yes' as never })).toThrowError(
      'registerNativeBackend: `keepFreedMemory` must be a boolean; received "yes"',
    );
  });

  itNative('sets the C heap thresholds through the addon', () => {
    // This machine runs glibc, which takes the settings.
    expect(loadAddon().keepFreedMemory(32 * 2 ** 20, 512 * 2 ** 20)).toBe(true);
    expect(() => loadAddon().keepFreedMemory(-1, 0)).toThrow('mmapThreshold must be >= 0');
  });

  itNative(
    'registers every cpu kernel plus the native ones, once, and sets the thread count',
    () => {
      // Dendrite's JavaScript kernels for cpu (and any future ones) must not stand in for native ones.
      tf.registerDendriteKernels();
      tf.registerKernel({
        kernelName: 'DendriteTestOnly',
        backendName: 'cpu',
        kernelFunc: () => {
          throw new Error('never called');
        },
      });
      registerNativeBackend({ threads: 1 });
      expect(loadAddon().getNumThreads()).toBe(1);
      const cpuKernels = tf
        .getKernelsForBackend('cpu')
        .map((k) => k.kernelName)
        .filter((name) => !name.startsWith('Dendrite'));
      const nativeKernels = tf.getKernelsForBackend(nativeBackendName).map((k) => k.kernelName);
      expect([...nativeKernels].sort()).toEqual(
        [
          ...cpuKernels,
          tf.DendriteAdamUpdate,
          tf.DendriteMatMul,
          tf.DendriteDenseGrad,
          tf.DendriteDenseChainGrad,
          tf.DendriteDenseChainSteps,
          tf.DendriteDropout,
          tf.DendriteDropoutGrad,
          tf.DendriteSoftmaxAccuracy,
          'DendriteSoftmaxCrossEntropy',
          'DendriteSoftmaxCrossEntropyGrad',
        ].sort(),
      );
      expect(tf.getKernel('DendriteTestOnly', nativeBackendName)).toBeUndefined();
      tf.unregisterKernel('DendriteTestOnly', 'cpu');
      for (const name of nativeKernelNames) {
        expect(tf.getKernel(name, nativeBackendName)?.kernelFunc).not.toBe(
          tf.getKernel(name, 'cpu')?.kernelFunc,
        );
      }
      // A second call keeps the registration (no duplicate-kernel warnings) and only re-threads.
      registerNativeBackend({ threads: 2 });
      expect(loadAddon().getNumThreads()).toBe(2);
      expect(tf.getKernelsForBackend(nativeBackendName)).toHaveLength(nativeKernels.length);
    },
  );

  itNative("is started by useBackend through a candidate like @dendrite/tensor's", async () => {
    const choice = await tf.useBackend('native', { log: false, candidates: [nativeCandidate()] });
    expect(choice.name).toBe('native');
    expect(choice.tfName).toBe(nativeBackendName);
    expect(tf.getBackend()).toBe(nativeBackendName);
    // [[1,2,3]]·[[1],[1],[1]] = 1+2+3 = 6
    expect(Array.from(tf.matMul(tf.tensor2d([[1, 2, 3]]), tf.ones([3, 1])).dataSync())).toEqual([
      6,
    ]);
    await tf.setBackend('cpu');
  });
});

/** The same candidate `@dendrite/tensor` lists for Node, loading this package's source. */
function nativeCandidate(): tf.BackendCandidate {
  return {
    name: 'native',
    tfName: nativeBackendName,
    module: '@dendrite/backend-native',
    auto: true,
    load: async () => registerNativeBackend(),
  };
}
