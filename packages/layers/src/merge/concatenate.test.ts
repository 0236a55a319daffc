import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { Concatenate, concatenate } from './concatenate.js';

describe('Concatenate', () => {
  it('joins along the last axis by default', async () => {
    const x1 = tf.tensor2d([[1, 2]]);
    const x2 = tf.tensor2d([[3]]);
    const layer = concatenate();
    const y = layer.apply([x1, x2]) as tf.Tensor;
    expectClose(y, [[1, 2, 3]]);
    expect(
      layer.computeOutputShape([
        [null, 2],
        [null, 1],
      ]),
    ).toEqual([null, 3]);
    await expectNoLeak(() => layer.apply([x1, x2]));
    tf.dispose([x1, x2, y]);
  });

  it.each([1, 2])('matches tfjs-layers on axis %i', (axis) => {
    const x1 = tf.randomUniform([2, 3, 4], -1, 1, 'float32', 71);
    const x2 = tf.randomUniform([2, 3, 4], -1, 1, 'float32', 72);
    const y = concatenate({ axis }).apply([x1, x2]) as tf.Tensor;
    const expected = tfl.layers.concatenate({ axis }).apply([x1, x2]) as tf.Tensor;
    expectClose(y, expected);
    tf.dispose([x1, x2, y, expected]);
  });

  it('counts a negative axis from the end, as Keras', () => {
    // tfjs-layers 4.22 resolves axis -2 differently, so the check is against axis 1 of rank 3.
    const x1 = tf.randomUniform([2, 3, 4], -1, 1, 'float32', 73);
    const x2 = tf.randomUniform([2, 1, 4], -1, 1, 'float32', 74);
    const y = concatenate({ axis: -2 }).apply([x1, x2]) as tf.Tensor;
    const expected = tfl.layers.concatenate({ axis: 1 }).apply([x1, x2]) as tf.Tensor;
    expectClose(y, expected);
    tf.dispose([x1, x2, y, expected]);
  });

  it('computes symbolic shapes with unknown dimensions', () => {
    const layer = concatenate({ axis: 1 });
    expect(
      layer.computeOutputShape([
        [null, 2, 5],
        [null, 3, null],
      ]),
    ).toEqual([null, 5, 5]);
    expect(
      layer.computeOutputShape([
        [null, null, 5],
        [null, 3, 5],
      ]),
    ).toEqual([null, null, 5]);
  });

  it('reports mismatched shapes with all of them', () => {
    const x1 = tf.zeros([1, 2, 3]);
    const x2 = tf.zeros([1, 3, 3]);
    expect(() => concatenate({ name: 'cat' }).apply([x1, x2])).toThrow(
      'cat: inputs must have matching shapes except on axis -1; received shapes (1, 2, 3), (1, 3, 3)',
    );
    expect(() =>
      concatenate({ axis: 3 }).computeOutputShape([
        [null, 2],
        [null, 2],
      ]),
    ).toThrow('axis 3 is out of range for inputs of shapes (None, 2), (None, 2)');
    expect(() => concatenate({ axis: 1.5 })).toThrow(
      'Concatenate: `axis` must be an integer; received 1.5',
    );
    tf.dispose([x1, x2]);
  });

  it('round-trips its config', () => {
    const config = concatenate({ axis: 1 }).getConfig();
    expect(config).toMatchObject({ axis: 1 });
    expectConfigRoundTrip(Concatenate, config);
  });
});
