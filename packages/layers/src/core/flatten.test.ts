import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { input } from '../input-layer.js';
import { Flatten, flatten } from './flatten.js';

describe('Flatten', () => {
  it('flattens each sample in row-major order (hand-worked)', async () => {
    const x = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    const layer = flatten();
    const y = layer.apply(x);
    expectClose(
      y,
      tf.tensor2d([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ]),
    );
    await expectNoLeak(() => layer.apply(x));
    tf.dispose([x, y]);
  });

  it('moves channels last first for channelsFirst inputs, like tfjs-layers', () => {
    const x = tf.randomUniform([2, 3, 2, 2], -1, 1, 'float32', 1);
    const y = flatten({ dataFormat: 'channelsFirst' }).apply(x);
    const expected = tfl.layers.flatten({ dataFormat: 'channelsFirst' }).apply(x) as tf.Tensor;
    expectClose(y, expected);
    // Sample 0 starts with pixel (0, 0) of channels 0, 1, 2.
    expectClose(
      Array.from(y.dataSync()).slice(0, 3),
      Array.from(x.dataSync())
        .filter((_, i) => i % 4 === 0)
        .slice(0, 3),
    );
    tf.dispose([x, y, expected]);
  });

  it('computes output shapes, unknown sizes included', () => {
    expect(flatten().computeOutputShape([null, 7, 7, 32])).toEqual([null, 7 * 7 * 32]);
    expect(flatten().computeOutputShape([4, null, 3])).toEqual([4, null]);
    expect(flatten().apply(input({ shape: [5, 6] })).shape).toEqual([null, 30]);
  });

  it('round-trips its config and validates', () => {
    const config = flatten({ dataFormat: 'channelsFirst' }).getConfig();
    expect(Flatten.fromConfig(config).getConfig()).toEqual(config);
    expect(() => flatten({ dataFormat: 'nchw' as 'channelsFirst' })).toThrow(
      `Flatten: \`dataFormat\` must be one of 'channelsLast', 'channelsFirst'; received "nchw"`,
    );
  });
});
