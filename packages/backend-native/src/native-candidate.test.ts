import * as tf from '@dendrite/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { nativeBackendCandidate, nativeBackendName } from './index.js';

afterEach(async () => {
  tf.unregisterBackendCandidate('native');
  await tf.setBackend('cpu');
});

describe('nativeBackendCandidate', () => {
  it("is started by useBackend('native') once registered with @dendrite/tensor", async () => {
    tf.registerBackendCandidate(nativeBackendCandidate);
    const choice = await tf.useBackend('native', { log: false });
    expect(choice).toMatchObject({ name: 'native', tfName: nativeBackendName, skipped: [] });
    expect(tf.getBackend()).toBe(nativeBackendName);
    // [[1, 2, 3]]·[[1], [1], [1]] = 1 + 2 + 3 = 6
    const product = tf.matMul(tf.tensor2d([[1, 2, 3]]), tf.ones([3, 1]));
    expect(Array.from(product.dataSync())).toEqual([6]);
    product.dispose();
  });

  it("comes after WebGPU and before wasm in 'auto'", () => {
    expect(nativeBackendCandidate.priority).toBe(20);
    expect(nativeBackendCandidate.auto).toBe(true);
  });
});
