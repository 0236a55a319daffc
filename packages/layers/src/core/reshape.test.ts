import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { Reshape, reshape } from './reshape.js';

describe('Reshape', () => {
  it('reshapes each sample, inferring one -1 (hand-worked)', async () => {
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6]]);
    const layer = reshape({ targetShape: [-1, 2] });
    const y = layer.apply(x);
    // 6 values / 2 = 3 rows.
    expectClose(
      y,
      tf.tensor3d([
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ]),
    );
    expect(layer.computeOutputShape([null, 6])).toEqual([null, 3, 2]);
    expect(layer.computeOutputShape([null, null])).toEqual([null, null, 2]);
    await expectNoLeak(() => layer.apply(x));
    tf.dispose([x, y]);
  });

  it('rejects samples whose size does not fit the target', () => {
    const layer = reshape({ targetShape: [4, -1], name: 'reshape_bad' });
    const x = tf.zeros([2, 3, 3]);
    expect(() => layer.apply(x)).toThrow(
      'reshape_bad: cannot reshape samples of shape [3,3] to [4,-1]',
    );
    expect(() => reshape({ targetShape: [5] }).computeOutputShape([null, 6])).toThrow(
      tf.ShapeError,
    );
    x.dispose();
  });

  it('round-trips its config and validates targetShape', () => {
    const config = reshape({ targetShape: [2, -1, 3] }).getConfig();
    expect(config.targetShape).toEqual([2, -1, 3]);
    expect(Reshape.fromConfig(config).getConfig()).toEqual(config);
    expect(() => reshape({ targetShape: [-1, -1] })).toThrow(
      'Reshape: `targetShape` must be positive integers with at most one -1; received [-1, -1]',
    );
    expect(() => reshape({ targetShape: [0, 2] })).toThrow('received [0, 2]');
  });
});
