import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectLayerGradient } from '../../test/layer-checks.js';
import { ELU, elu } from './elu.js';

describe('ELU', () => {
  it('computes alpha·(exp(x) - 1) below zero (hand-worked)', async () => {
    const x = tf.tensor1d([-2, -1, 0, 1.5]);
    const layer = elu({ alpha: 0.5 });
    await expectNoLeak(() => {
      const y = layer.apply(x);
      // 0.5·(e^-2 - 1) = 0.5·(0.135335 - 1) = -0.432332; 0.5·(e^-1 - 1) = -0.316060.
      expectClose(y, [-0.432332, -0.31606, 0, 1.5], { atol: 1e-5 });
      return y;
    });
    x.dispose();
  });

  it('matches tfjs-layers ELU (alpha 1, the only value it supports)', () => {
    const x = tf.randomUniform([3, 7], -4, 4, 'float32', 11);
    const y = elu().apply(x);
    const expected = tfl.layers.elu().apply(x) as tf.Tensor;
    expectClose(y, expected, { atol: 1e-5 });
    tf.dispose([x, y, expected]);
  });

  it('has finite-difference gradients', () => {
    const layer = elu({ alpha: 2 });
    const x = tf.tensor1d([-1.5, -0.2, 0.3, 2]);
    expectLayerGradient(layer, x);
    x.dispose();
  });

  it('round-trips its config and validates alpha', () => {
    const layer = elu({ alpha: 0.7 });
    const config = layer.getConfig();
    expect(config).toMatchObject({ alpha: 0.7 });
    expectConfigRoundTrip(ELU, config);
    expect(layer.computeOutputShape([null, 2, 3])).toEqual([null, 2, 3]);
    expect(() => elu({ alpha: Number.POSITIVE_INFINITY })).toThrow(
      'ELU: `alpha` must be a finite number; received Infinity',
    );
  });
});
