import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { UpSampling1D, upSampling1d } from './up-sampling1d.js';

describe('UpSampling1D', () => {
  it('sums the gradient over the repeats', () => {
    const x = tf.ones([1, 3, 2]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(upSampling1d({ size: 4 }).apply(v)))(x);
    // Each input step feeds 4 outputs: gradient 4.
    expectClose(g, tf.fill([1, 3, 2], 4));
    tf.dispose([x, g]);
  });

  it('round-trips its config and validates', () => {
    const config = upSampling1d({ size: 5 }).getConfig();
    expect(config).toMatchObject({ size: 5 });
    expectConfigRoundTrip(UpSampling1D, config);
    expect(() => upSampling1d({ size: 0 })).toThrow(
      'UpSampling1D: `size` must be an integer >= 1; received 0',
    );
  });
});
