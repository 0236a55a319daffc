import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { Softmax, softmax } from './softmax.js';

describe('Softmax', () => {
  it('normalizes the last axis by default (hand-worked)', async () => {
    const x = tf.tensor2d([
      [0, Math.log(3)],
      [1000, 1000],
    ]);
    const layer = softmax();
    await expectNoLeak(() => {
      const y = layer.apply(x);
      // e^0 : e^ln3 = 1 : 3 → [0.25, 0.75]; equal logits of any size → [0.5, 0.5].
      expectClose(y, [
        [0.25, 0.75],
        [0.5, 0.5],
      ]);
      return y;
    });
    x.dispose();
  });

  it('normalizes another axis and several axes', () => {
    const x = tf.tensor3d([0, 0, Math.log(3), 0, 0, 0, 0, 0], [2, 2, 2]);
    // Axis 1 of sample 0: columns [0, ln3] and [0, 0] → [0.25, 0.75] and [0.5, 0.5].
    const y = softmax({ axis: 1 }).apply(x);
    expectClose(y, [0.25, 0.5, 0.75, 0.5, 0.5, 0.5, 0.5, 0.5]);
    // Axes [1, 2] of sample 0: e^{0,0,ln3,0} = 1,1,3,1 over 6; sample 1: four equal → 0.25.
    const z = softmax({ axis: [1, 2] }).apply(x);
    expectClose(z, [1 / 6, 1 / 6, 0.5, 1 / 6, 0.25, 0.25, 0.25, 0.25]);
    tf.dispose([x, y, z]);
  });

  it('matches tfjs-layers Softmax (last axis; other axes through a transpose)', () => {
    const x = tf.randomUniform([3, 4, 5], -5, 5, 'float32', 8);
    const y = softmax().apply(x);
    const expected = tfl.layers.softmax({ axis: -1 }).apply(x) as tf.Tensor;
    expectClose(y, expected, { atol: 1e-6 });
    // tfjs-layers' Softmax defaults to axis 1 but only supports the last: move axis 1 there and back.
    const y1 = softmax({ axis: 1 }).apply(x);
    const xt = tf.transpose(x, [0, 2, 1]);
    const theirs = tfl.layers.softmax({ axis: -1 }).apply(xt) as tf.Tensor;
    const expected1 = tf.transpose(theirs, [0, 2, 1]);
    expectClose(y1, expected1, { atol: 1e-6 });
    tf.dispose([x, y, expected, y1, xt, theirs, expected1]);
  });

  it('round-trips its config and validates the axis', () => {
    for (const axis of [2, [1, 2]]) {
      const config = softmax({ axis }).getConfig();
      expectConfigRoundTrip(Softmax, config);
    }
    expect(softmax().computeOutputShape([null, 3])).toEqual([null, 3]);
    expect(() => softmax({ axis: 1.5 })).toThrow(
      'Softmax: `axis` must be an integer or a non-empty array of integers; received 1.5',
    );
    const x = tf.ones([2, 3]);
    expect(() => softmax({ axis: 2 }).apply(x)).toThrow(
      '`axis` 2 is out of range for inputs of shape [2,3]',
    );
    x.dispose();
  });
});
