import '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';

describe('Identity on wasm once Dendrite kernels are asked for', () => {
  afterAll(async () => {
    await tf.useBackend('cpu', { log: false });
  });

  it('shares the input memory, and each tensor stays readable until its own dispose', async () => {
    await tf.useBackend('wasm', { log: false });
    tf.hasDendriteKernel(tf.DendriteAdamUpdate);
    const backend = tf.engine().backend;
    const dataBefore = backend.numDataIds();
    const tensorsBefore = tf.memory().numTensors;
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const copy = tf.clone(x);
    expect(copy.dataId).toBe(x.dataId);
    expect(backend.numDataIds()).toBe(dataBefore + 1);
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3, 4]);
    copy.dispose();
    expect(backend.numDataIds()).toBe(dataBefore);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('keeps gradients through saved tensors exact (d/dx Σ x² = 2x)', async () => {
    await tf.useBackend('wasm', { log: false });
    tf.hasDendriteKernel(tf.DendriteAdamUpdate);
    const x = tf.tensor1d([1.5, -2, 3]);
    const before = tf.memory().numTensors;
    const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.square(v)))(x);
    expect(Array.from(grad.dataSync())).toEqual([3, -4, 6]);
    grad.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
