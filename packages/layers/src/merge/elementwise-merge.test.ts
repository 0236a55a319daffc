import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { input } from '../input-layer.js';
import type { Layer } from '../layer.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { add } from './add.js';
import { average } from './average.js';
import { elementwiseMergeClasses } from './classes.js';
import { maximum } from './maximum.js';
import { minimum } from './minimum.js';
import { multiply } from './multiply.js';
import { subtract } from './subtract.js';

const a = [
  [1, -2, 3],
  [0.5, 4, -1],
];
const b = [
  [2, 2, -3],
  [1.5, -4, 6],
];
const c = [
  [0, 1, 1],
  [-1, 2, 0.5],
];

describe('element-wise merge layers', () => {
  it.each<[string, () => Layer, number[][][], number[][]]>([
    // Sums per element: 1+2+0 = 3, -2+2+1 = 1, 3-3+1 = 1, 0.5+1.5-1 = 1, 4-4+2 = 2, -1+6+0.5 = 5.5
    [
      'add',
      () => add(),
      [a, b, c],
      [
        [3, 1, 1],
        [1, 2, 5.5],
      ],
    ],
    // a - b: 1-2 = -1, -2-2 = -4, 3+3 = 6, 0.5-1.5 = -1, 4+4 = 8, -1-6 = -7
    [
      'subtract',
      () => subtract(),
      [a, b],
      [
        [-1, -4, 6],
        [-1, 8, -7],
      ],
    ],
    // a·b·c: 0, -4, -9, -0.75, -32, -3
    [
      'multiply',
      () => multiply(),
      [a, b, c],
      [
        [0, -4, -9],
        [-0.75, -32, -3],
      ],
    ],
    // sums / 3: 1, 1/3, 1/3, 1/3, 2/3, 5.5/3
    [
      'average',
      () => average(),
      [a, b, c],
      [
        [1, 1 / 3, 1 / 3],
        [1 / 3, 2 / 3, 5.5 / 3],
      ],
    ],
    [
      'maximum',
      () => maximum(),
      [a, b, c],
      [
        [2, 2, 3],
        [1.5, 4, 6],
      ],
    ],
    [
      'minimum',
      () => minimum(),
      [a, b, c],
      [
        [0, -2, -3],
        [-1, -4, -1],
      ],
    ],
  ])('%s combines hand-worked values', async (_, make, values, expected) => {
    const layer = make();
    const inputs = values.map((v) => tf.tensor2d(v));
    const y = layer.apply(inputs) as tf.Tensor;
    expectClose(y, expected);
    expect(layer.computeOutputShape(inputs.map(() => [null, 3]))).toEqual([null, 3]);
    await expectNoLeak(() => layer.apply(inputs));
    tf.dispose([y, ...inputs]);
  });

  it.each([
    ['add', () => add(), () => tfl.layers.add({})],
    ['multiply', () => multiply(), () => tfl.layers.multiply({})],
    ['average', () => average(), () => tfl.layers.average({})],
    ['maximum', () => maximum(), () => tfl.layers.maximum({})],
    ['minimum', () => minimum(), () => tfl.layers.minimum({})],
  ])('%s matches tfjs-layers, broadcasting a size-1 axis', (_, ours, theirs) => {
    const x1 = tf.randomUniform([2, 3, 4], -1, 1, 'float32', 61);
    const x2 = tf.randomUniform([2, 1, 4], -1, 1, 'float32', 62);
    const y = ours().apply([x1, x2]) as tf.Tensor;
    const expected = theirs().apply([x1, x2]) as tf.Tensor;
    expectClose(y, expected);
    expect(y.shape).toEqual([2, 3, 4]);
    tf.dispose([x1, x2, y, expected]);
  });

  it('aligns a lower-rank input after the batch axis, as Keras', () => {
    const x1 = tf.tensor3d([1, 2, 3, 4, 5, 6], [1, 2, 3]);
    const x2 = tf.tensor2d([[10, 20, 30]]);
    const y = add().apply([x1, x2]) as tf.Tensor;
    // x2 becomes [1, 1, 3] and is added to both rows.
    expectClose(y, tf.tensor3d([11, 22, 33, 14, 25, 36], [1, 2, 3]));
    expect(
      add().computeOutputShape([
        [null, 2, 3],
        [null, 3],
      ]),
    ).toEqual([null, 2, 3]);
    tf.dispose([x1, x2, y]);
  });

  it('works on symbolic inputs', () => {
    const y = multiply().apply([input({ shape: [4] }), input({ shape: [4] })]) as SymbolicTensor;
    expect(y.shape).toEqual([null, 4]);
  });

  it('reports incompatible shapes, batch sizes, input counts and lone tensors with the shapes', () => {
    const x1 = tf.zeros([2, 3]);
    const x2 = tf.zeros([2, 4]);
    const x3 = tf.zeros([3, 3]);
    expect(() => add({ name: 'sum' }).apply([x1, x2])).toThrow(
      'sum: inputs have incompatible shapes; received (2, 3), (2, 4)',
    );
    expect(() => maximum({ name: 'max' }).apply([x1, x3])).toThrow(
      'max: cannot merge tensors with different batch sizes; received shapes (2, 3), (3, 3)',
    );
    expect(() => subtract({ name: 'diff' }).apply([x1, x1, x1])).toThrow(
      'diff: expected exactly 2 inputs; received 3 (shapes (2, 3), (2, 3), (2, 3))',
    );
    expect(() => average({ name: 'avg' }).apply(x1)).toThrow(
      'avg: a merge layer must be called on a list of inputs; received one input of shape (2, 3)',
    );
    expect(() =>
      add().computeOutputShape([
        [null, 5],
        [null, 4],
      ]),
    ).toThrow('inputs have incompatible shapes; received (None, 5), (None, 4)');
    tf.dispose([x1, x2, x3]);
  });

  it.each(elementwiseMergeClasses)('%o round-trips its config', (cls) => {
    const config = new cls({ name: `merge_${cls.className}` }).getConfig();
    expectConfigRoundTrip(cls, config);
  });
});
