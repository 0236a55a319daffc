import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import * as tf from './index.js';

describe('uploadTensor (cpu: tf.tensor of the values)', () => {
  it('makes a tensor of the values, shape and dtype', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const floats = tf.uploadTensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3], 'float32');
    const ints = tf.uploadTensor(Int32Array.of(7, 8), [2], 'int32');
    expect([floats.shape, floats.dtype, Array.from(floats.dataSync())]).toEqual([
      [2, 3],
      'float32',
      [1, 2, 3, 4, 5, 6],
    ]);
    expect([ints.shape, ints.dtype, Array.from(ints.dataSync())]).toEqual([[2], 'int32', [7, 8]]);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([floats, ints]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
