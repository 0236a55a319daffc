import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { AlphaDropout, alphaDropout } from './alpha-dropout.js';

// rate 0.2: alpha'² = 3.0909133; (1 - 0.2)(1 + 0.2·3.0909133) = 0.8·1.6181827 = 1.2945461;
// a = 1.2945461^-1/2 = 0.8789036; b = -a·alpha'·0.2 = 0.8789036·1.7580993·0.2 = 0.3090400.
const A = 0.8789036;
const B = 0.30904;
const DROPPED = A * -1.7580993408473766 + B; // -1.2361598

describe('AlphaDropout', () => {
  it('maps kept entries to a·x + b and dropped ones to a·alpha′ + b (hand-worked)', async () => {
    tf.setSeed(4);
    const layer = alphaDropout({ rate: 0.2 });
    const x = tf.fill([100, 100], 2);
    await expectNoLeak(() => {
      const y = layer.apply(x, { training: true });
      const values = Array.from(y.dataSync());
      const kept = values.filter((v) => Math.abs(v - (A * 2 + B)) < 1e-5); // 2.0668471
      const dropped = values.filter((v) => Math.abs(v - DROPPED) < 1e-5);
      expect(kept.length + dropped.length).toBe(10000);
      // 10000 Bernoulli(0.2) drops: standard error 0.004.
      expect(Math.abs(dropped.length / 10000 - 0.2)).toBeLessThan(0.02);
      return y;
    });
    x.dispose();
  });

  it('keeps zero mean and unit variance of standardized inputs', () => {
    tf.setSeed(6);
    const x = tf.randomNormal([400, 250], 0, 1, 'float32', 17);
    const y = alphaDropout({ rate: 0.2 }).apply(x, { training: true });
    const values = y.dataSync();
    let sum = 0;
    for (const v of values) sum += v;
    const mean = sum / values.length;
    let squares = 0;
    for (const v of values) squares += (v - mean) ** 2;
    // 100000 draws; standard errors about 0.003 (mean) and 0.005 (variance).
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(squares / values.length - 1)).toBeLessThan(0.03);
    tf.dispose([x, y]);
  });

  it('broadcasts the mask along noiseShape dimensions of 1', () => {
    tf.setSeed(2);
    const x = tf.ones([4, 6, 3]);
    const y = alphaDropout({ rate: 0.5, noiseShape: [null, 1, null] }).apply(x, {
      training: true,
    });
    for (const sample of y.arraySync() as number[][][]) {
      for (const step of sample) expect(step).toEqual(sample[0]);
    }
    const bad = alphaDropout({ name: 'ad', rate: 0.5, noiseShape: [null, 2, null] });
    expect(() => bad.apply(x, { training: true })).toThrow(
      'ad: noiseShape [null,2,null] does not broadcast to inputs of shape [4,6,3]',
    );
    tf.dispose([x, y]);
  });

  it('round-trips its config and validates', () => {
    const layer = alphaDropout({ rate: 0.1, noiseShape: [null, 1], seed: 3 });
    const config = layer.getConfig();
    expect(config).toMatchObject({ rate: 0.1, noiseShape: [null, 1], seed: 3 });
    expectConfigRoundTrip(AlphaDropout, config);
    expect(layer.computeOutputShape([null, 4])).toEqual([null, 4]);
    expect(() => alphaDropout({ rate: -0.5 })).toThrow(
      'AlphaDropout: `rate` must be a finite number in [0, 1); received -0.5',
    );
    expect(() => alphaDropout({ rate: 0.5, noiseShape: [0] })).toThrow(
      'AlphaDropout: `noiseShape` must be an array of positive integers or nulls; received [0]',
    );
  });
});
