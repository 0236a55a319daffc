import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { Masking, masking } from './masking.js';

describe('Masking', () => {
  it('zeroes steps whose features all equal maskValue and reports the mask (hand-worked)', async () => {
    const layer = masking({ maskValue: -1 });
    // Steps: [-1,-1] (masked), [-1, 2] (kept: one feature differs), [3, 4] (kept).
    const x = tf.tensor3d([-1, -1, -1, 2, 3, 4], [1, 3, 2]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      expectClose(y, [
        [
          [0, 0],
          [-1, 2],
          [3, 4],
        ],
      ]);
      const mask = layer.computeMask(x);
      expect(mask.dtype).toBe('bool');
      expect(mask.arraySync()).toEqual([[0, 1, 1]]); // bool tensors read back as 0/1
      return [y, mask];
    });
    x.dispose();
  });

  it('matches tfjs-layers Masking', () => {
    const values = tf.randomUniform([3, 5, 4], -1, 1, 'float32', 10);
    const keep = tf.tensor3d([1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0], [3, 5, 1]);
    const x = tf.mul(values, keep); // all-zero steps where keep is 0
    const y = masking().apply(x);
    const expected = tfl.layers.masking().apply(x) as tf.Tensor;
    expectClose(y, expected);
    const theirMask = tfl.layers.masking().computeMask(x) as tf.Tensor;
    const ourMask = masking().computeMask(x);
    expect(ourMask.arraySync()).toEqual(theirMask.arraySync());
    tf.dispose([values, keep, x, y, expected, theirMask, ourMask]);
  });

  it('passes gradients to the kept steps only', () => {
    const x = tf.tensor3d([0, 0, 1, 0], [1, 2, 2]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(masking().apply(v)))(x);
    // Step 0 is all zeros (masked): gradient 0; step 1 is kept: gradient 1.
    expectClose(g, tf.tensor3d([0, 0, 1, 1], [1, 2, 2]));
    tf.dispose([x, g]);
  });

  it('round-trips its config and validates', () => {
    const layer = masking({ maskValue: 0.5 });
    const config = layer.getConfig();
    expect(config).toMatchObject({ maskValue: 0.5 });
    expect(tfl.layers.masking({ maskValue: 0.5 }).getConfig().maskValue).toBe(config.maskValue);
    expectConfigRoundTrip(Masking, config);
    expect(layer.computeOutputShape([null, 4, 3])).toEqual([null, 4, 3]);
    expect(() => masking({ maskValue: Number.NaN })).toThrow(
      'Masking: `maskValue` must be a finite number; received NaN',
    );
  });
});
