import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { lion } from './lion.js';

describe('Lion', () => {
  it('moves each weight by exactly lr on the first step', () => {
    // m = 0, so the step is lr * sign(0.1 * g): [0.5, -2, 0] -> [-0.1, 0.1, 0].
    const w = tf.variable(tf.zeros([3]));
    const g = tf.tensor1d([0.5, -2, 0]);
    const optimizer = lion({ learningRate: 0.1 });
    optimizer.applyGradients([[g, w]]);
    expect(Array.from(w.dataSync())).toEqual([-0.1, 0.1, 0].map(Math.fround));
    tf.dispose([g, w]);
    optimizer.dispose();
  });
});
