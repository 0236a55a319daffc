import * as tf from '@dendrite/tensor';
import {
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectNoLeak,
} from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { Dot, dot } from './dot.js';

describe('Dot', () => {
  it('takes per-sample dot products, as [batch, 1]', async () => {
    const x1 = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const x2 = tf.tensor2d([
      [5, 6],
      [7, 8],
    ]);
    const layer = dot({ axes: 1 });
    // 1·5 + 2·6 = 17; 3·7 + 4·8 = 53
    const y = layer.apply([x1, x2]) as tf.Tensor;
    expectClose(y, [[17], [53]]);
    expect(y.shape).toEqual([2, 1]);
    // Cosine: 17 / (√5·√61) = 0.97341..., 53 / (5·√113) = 0.99716...
    const cosine = dot({ axes: -1, normalize: true }).apply([x1, x2]) as tf.Tensor;
    expectClose(cosine, [[17 / Math.sqrt(5 * 61)], [53 / (5 * Math.sqrt(113))]]);
    await expectNoLeak(() => layer.apply([x1, x2]));
    tf.dispose([x1, x2, y, cosine]);
  });

  it.each<[string, number[], number[], number | [number, number], boolean]>([
    ['matrix · matrix', [2, 3, 4], [2, 4, 5], [2, 1], false],
    ['shared time axis', [2, 3, 4], [2, 3, 5], 1, false],
    ['normalized, last axes', [2, 3, 4], [2, 5, 4], -1, true],
  ])('matches tfjs-layers (%s)', (_, shape1, shape2, axes, normalize) => {
    const x1 = tf.randomUniform(shape1, -1, 1, 'float32', 81);
    const x2 = tf.randomUniform(shape2, -1, 1, 'float32', 82);
    const layer = dot({ axes, normalize });
    const y = layer.apply([x1, x2]) as tf.Tensor;
    const expected = tfl.layers.dot({ axes, normalize }).apply([x1, x2]) as tf.Tensor;
    expectClose(y, expected, { atol: 1e-5 });
    expect(
      layer.computeOutputShape([
        [null, ...shape1.slice(1)],
        [null, ...shape2.slice(1)],
      ]),
    ).toEqual([null, ...y.shape.slice(1)]);
    tf.dispose([x1, x2, y, expected]);
  });

  it('has gradients matching finite differences', () => {
    const x1 = tf.randomUniform([2, 3], -1, 1, 'float32', 83);
    const x2 = tf.randomUniform([2, 3], -1, 1, 'float32', 84);
    const layer = dot({ axes: 1, normalize: true });
    expectGradientMatchesFiniteDifference((v) => layer.apply([v, x2]) as tf.Tensor, x1);
    tf.dispose([x1, x2]);
  });

  it('reports bad axes and mismatched sizes with both shapes', () => {
    const x1 = tf.zeros([2, 3]);
    const x2 = tf.zeros([2, 4]);
    expect(() => dot({ axes: 1, name: 'dp' }).apply([x1, x2])).toThrow(
      'dp: summed axes differ in size, 3 (axis 1) and 4 (axis 1); received shapes (2, 3), (2, 4)',
    );
    expect(() => dot({ axes: -2, name: 'dq' }).apply([x1, x1])).toThrow(
      'dq: axes -2 must name a non-batch axis of each input; received shapes (2, 3), (2, 3)',
    );
    expect(() => dot({ axes: 1, name: 'dr' }).apply([x1, x1, x1])).toThrow(
      'dr: expected exactly 2 inputs; received 3',
    );
    expect(() => dot({ axes: 0 })).toThrow(
      'Dot: `axes` must be a non-zero integer or a pair of them; received 0',
    );
    expect(() => dot({ axes: [1, 2, 3] as unknown as [number, number] })).toThrow(
      'Dot: `axes` must be a non-zero integer or a pair of them; received [1, 2, 3]',
    );
    tf.dispose([x1, x2]);
  });

  it('round-trips its config', () => {
    for (const layer of [dot({ axes: [2, 1] }), dot({ axes: -1, normalize: true })]) {
      const config = layer.getConfig();
      expectConfigRoundTrip(Dot, config);
    }
    expect(dot({ axes: [2, 1] }).getConfig()).toMatchObject({ axes: [2, 1], normalize: false });
  });
});
