import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { Permute, permute } from './permute.js';

describe('Permute', () => {
  it('swaps sample axes with 1-based dims (hand-worked)', async () => {
    const x = tf.tensor3d([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ]);
    const layer = permute({ dims: [2, 1] });
    const y = layer.apply(x);
    expectClose(
      y,
      tf.tensor3d([
        [
          [1, 4],
          [2, 5],
          [3, 6],
        ],
      ]),
    );
    expect(layer.computeOutputShape([null, 2, 3])).toEqual([null, 3, 2]);
    await expectNoLeak(() => layer.apply(x));
    tf.dispose([x, y]);
  });

  it('matches tfjs-layers for a 3-axis permutation', () => {
    const x = tf.randomUniform([2, 3, 4, 5], -1, 1, 'float32', 1);
    const y = permute({ dims: [3, 1, 2] }).apply(x);
    const expected = tfl.layers.permute({ dims: [3, 1, 2] }).apply(x) as tf.Tensor;
    expectClose(y, expected);
    expect(y.shape).toEqual([2, 5, 3, 4]);
    tf.dispose([x, y, expected]);
  });

  it('round-trips its config and validates dims and input rank', () => {
    const config = permute({ dims: [3, 1, 2] }).getConfig();
    expect(Permute.fromConfig(config).getConfig()).toEqual(config);
    expect(() => permute({ dims: [0, 1] })).toThrow(
      'Permute: `dims` must be a permutation of 1, 2, ..., n (1-based, the batch axis excluded); received [0, 1]',
    );
    expect(() => permute({ dims: [1, 1] })).toThrow('received [1, 1]');
    expect(() => permute({ dims: [2, 1] }).computeOutputShape([null, 2])).toThrow(
      'dims [2,1] expect inputs of rank 3; received shape [null,2]',
    );
  });
});
