import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { trainingDraw } from '../../test/noise-checks.js';
import { Dropout, dropout } from './dropout.js';

describe('Dropout', () => {
  it('is the identity outside training', async () => {
    const layer = dropout({ rate: 0.5 });
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      expectClose(y, x);
      return y;
    });
    x.dispose();
  });

  it('drops about `rate` of the inputs in training and scales the rest by 1/(1-rate)', () => {
    tf.setSeed(5);
    const layer = dropout({ rate: 0.3 });
    const x = tf.ones([200, 100]);
    const y = layer.apply(x, { training: true });
    const values = y.dataSync();
    const kept = values.filter((v) => v !== 0);
    // Every kept value is 1 / 0.7 = 1.428571...
    expect(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
    // 20000 Bernoulli(0.7) draws: the kept fraction has a standard error of 0.0032.
    expect(Math.abs(kept.length / values.length - 0.7)).toBeLessThan(0.015);
    tf.dispose([x, y]);
  });

  it('repeats its masks under the same global seed', () => {
    const x = tf.ones([4, 8]);
    const draw = () => trainingDraw(() => dropout({ rate: 0.5 }), x, 42);
    expect(draw()).toEqual(draw());
    x.dispose();
  });

  it('broadcasts the mask along noiseShape dimensions of 1', () => {
    tf.setSeed(9);
    const x = tf.ones([3, 5, 4]);
    const y = dropout({ rate: 0.5, noiseShape: [null, 1, null] }).apply(x, { training: true });
    const rows = y.arraySync() as number[][][];
    for (const sample of rows) for (const step of sample) expect(step).toEqual(sample[0]);
    tf.dispose([x, y]);
  });

  it('validates rate and round-trips its config', () => {
    expect(() => dropout({ rate: 1 })).toThrow(
      'Dropout: `rate` must be a finite number in [0, 1); received 1',
    );
    expect(() => dropout({ rate: -0.1 })).toThrow('received -0.1');
    const layer = dropout({ rate: 0.25, seed: 3, name: 'drop' });
    expect(Dropout.fromConfig(layer.getConfig()).getConfig()).toEqual(layer.getConfig());
  });
});
