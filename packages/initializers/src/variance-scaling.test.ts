import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { RandomNormal, randomNormal } from './random-normal.js';
import { RandomUniform, randomUniform } from './random-uniform.js';
import { TruncatedNormal, truncatedNormal } from './truncated-normal.js';
import {
  GlorotNormal,
  GlorotUniform,
  glorotUniform,
  HeNormal,
  HeUniform,
  LeCunNormal,
  LeCunUniform,
} from './variance-presets.js';
import { VarianceScaling, varianceScaling } from './variance-scaling.js';

describe('defaults (Keras)', () => {
  it('randomNormal / truncatedNormal: mean 0, stddev 0.05; randomUniform: ±0.05', () => {
    expect(randomNormal().getConfig()).toEqual({ mean: 0, stddev: 0.05, seed: null });
    expect(truncatedNormal().getConfig()).toEqual({ mean: 0, stddev: 0.05, seed: null });
    expect(randomUniform().getConfig()).toEqual({ minval: -0.05, maxval: 0.05, seed: null });
  });

  it('varianceScaling: scale 1, fanIn, truncatedNormal', () => {
    expect(varianceScaling().getConfig()).toEqual({
      scale: 1,
      mode: 'fanIn',
      distribution: 'truncatedNormal',
      seed: null,
    });
  });

  it('presets fix scale, mode and distribution and store only the seed', () => {
    const presets = [
      [new GlorotUniform({ seed: 3 }), 1, 'fanAvg', 'uniform'],
      [new GlorotNormal({ seed: 3 }), 1, 'fanAvg', 'truncatedNormal'],
      [new HeUniform({ seed: 3 }), 2, 'fanIn', 'uniform'],
      [new HeNormal({ seed: 3 }), 2, 'fanIn', 'truncatedNormal'],
      [new LeCunUniform({ seed: 3 }), 1, 'fanIn', 'uniform'],
      [new LeCunNormal({ seed: 3 }), 1, 'fanIn', 'truncatedNormal'],
    ] as const;
    for (const [init, scale, mode, distribution] of presets) {
      expect([init.scale, init.mode, init.distribution]).toEqual([scale, mode, distribution]);
      expect(init.getConfig()).toEqual({ seed: 3 });
    }
  });
});

describe('spellings', () => {
  it('accepts Keras snake_case and TF.js names for mode and distribution', () => {
    const keras = varianceScaling({ mode: 'fan_avg', distribution: 'truncated_normal' });
    const tfjs = varianceScaling({ mode: 'fanAvg', distribution: 'normal' });
    const untruncated = varianceScaling({ mode: 'fan_out', distribution: 'untruncated_normal' });
    expect(keras.getConfig()).toEqual(tfjs.getConfig());
    expect(keras.distribution).toBe('truncatedNormal');
    expect([untruncated.mode, untruncated.distribution]).toEqual(['fanOut', 'untruncatedNormal']);
  });
});

describe('validation', () => {
  it.each([
    [
      () => randomNormal({ stddev: -1 }),
      'RandomNormal: `stddev` must be a finite number >= 0; received -1',
    ],
    [
      () => truncatedNormal({ mean: Number.NaN }),
      'TruncatedNormal: `mean` must be a finite number; received NaN',
    ],
    [
      () => randomUniform({ minval: 1, maxval: 0 }),
      'RandomUniform: `maxval` must be a finite number >= 1; received 0',
    ],
    [
      () => randomNormal({ seed: 1.5 }),
      'RandomNormal: `seed` must be an integer >= 0; received 1.5',
    ],
    [
      () => varianceScaling({ scale: 0 }),
      'VarianceScaling: `scale` must be a finite number > 0; received 0',
    ],
    [
      () => VarianceScaling.fromConfig({ mode: 'fan_sum' }),
      "VarianceScaling: `mode` must be one of 'fanIn', 'fan_in', 'fanOut', 'fan_out', 'fanAvg', 'fan_avg'; received \"fan_sum\"",
    ],
    [
      () => VarianceScaling.fromConfig({ distribution: 'gaussian' }),
      "VarianceScaling: `distribution` must be one of 'truncatedNormal', 'truncated_normal', 'normal', 'untruncatedNormal', 'untruncated_normal', 'uniform'; received \"gaussian\"",
    ],
    [
      () => VarianceScaling.fromConfig({ mode: 'toString' }),
      "VarianceScaling: `mode` must be one of 'fanIn', 'fan_in', 'fanOut', 'fan_out', 'fanAvg', 'fan_avg'; received \"toString\"",
    ],
    [
      () => GlorotUniform.fromConfig({ scale: 2 }),
      'GlorotUniform: `config key` must be one of seed; received "scale"',
    ],
    [
      () => HeNormal.fromConfig({ seed: -2 }),
      'HeNormal: `seed` must be an integer >= 0; received -2',
    ],
    [
      () => RandomUniform.fromConfig({ min: 0 }),
      'RandomUniform: `config key` must be one of minval, maxval, seed; received "min"',
    ],
  ])('%#: throws ConfigError', (make, message) => {
    expect(make).toThrow(tf.ConfigError);
    expect(make).toThrow(message);
  });

  it('rejects non-float dtypes for random draws', () => {
    expect(() => glorotUniform().apply([2, 2], 'int32')).toThrow(
      'GlorotUniform: `dtype` must be \'float32\'; received "int32"',
    );
    expect(() => RandomNormal.fromConfig({}).apply([2], 'int32')).toThrow(tf.ConfigError);
    expect(() => TruncatedNormal.fromConfig({}).apply([2], 'bool')).toThrow(tf.ConfigError);
  });
});
