import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectMatchesTfjs } from '../test/helpers.js';
import { adam } from './adam.js';

describe('Adam', () => {
  it('matches tf.train.adam when epsilon is negligible', () => {
    // Keras adds epsilon to sqrt(v), tfjs to sqrt(v / (1 - beta2^t)); with a tiny epsilon
    // the rules coincide.
    expectMatchesTfjs(
      adam({ learningRate: 0.01, epsilon: 1e-12 }),
      tf.train.adam(0.01, 0.9, 0.999, 1e-12),
    );
  });

  it('keeps a velocityHat slot only with amsgrad', () => {
    const w = tf.variable(tf.zeros([2]));
    const g = tf.ones([2]);
    const optimizer = adam({ amsgrad: true });
    optimizer.applyGradients([[g, w]]);
    const weights = optimizer.getWeights();
    expect(weights.map((x) => x.name)).toEqual([
      'iteration',
      `${w.name}/momentum`,
      `${w.name}/velocity`,
      `${w.name}/velocityHat`,
    ]);
    tf.dispose([g, w, ...weights.map((x) => x.tensor)]);
    optimizer.dispose();
  });
});

describe('Adam fused kernel', () => {
  async function kernelsOfOneStep(amsgrad: boolean): Promise<string[]> {
    const optimizer = adam({ amsgrad });
    const w = tf.variable(tf.tensor1d([1, -2, 3]));
    const g = tf.tensor1d([0.5, 0.25, -1]);
    const profile = await tf.profile(() => optimizer.applyGradients([[g, w]]));
    tf.dispose([w, g]);
    optimizer.dispose();
    return profile.kernels.map((k) => k.name);
  }

  it('runs one DendriteAdamUpdate per variable where the backend has it (cpu here)', async () => {
    const names = await kernelsOfOneStep(false);
    expect(names.filter((n) => n === tf.DendriteAdamUpdate)).toHaveLength(1);
    expect(names).not.toContain('Sqrt');
  });

  it('keeps the composed ops for AMSGrad', async () => {
    const names = await kernelsOfOneStep(true);
    expect(names).not.toContain(tf.DendriteAdamUpdate);
    expect(names).toContain('Sqrt');
  });
});
