import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { input } from '../input-layer.js';
import { deserializeLayer } from '../registry.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { SlicingOpLambda } from './slicing-op-lambda.js';

const all = { start: null, stop: null, step: null };
const ellipsis = { class_name: '__ellipsis__' };

// Expected values from NumPy on x = np.arange(24).reshape(2, 3, 4).
const CASES: Array<[string, unknown, number[], unknown]> = [
  [
    'x[:, -1]',
    [all, -1],
    [2, 4],
    [
      [8, 9, 10, 11],
      [20, 21, 22, 23],
    ],
  ],
  [
    'x[..., 0] (as tf.keras saves ...)',
    [ellipsis, 0],
    [2, 3],
    [
      [0, 4, 8],
      [12, 16, 20],
    ],
  ],
  [
    'x[..., 0] (camel-cased config)',
    [{ className: 'Ellipsis' }, 0],
    [2, 3],
    [
      [0, 4, 8],
      [12, 16, 20],
    ],
  ],
  [
    'x[:, ::-1, 1:3]',
    [all, { start: null, stop: null, step: -1 }, { start: 1, stop: 3, step: null }],
    [2, 3, 2],
    [
      [
        [9, 10],
        [5, 6],
        [1, 2],
      ],
      [
        [21, 22],
        [17, 18],
        [13, 14],
      ],
    ],
  ],
  [
    'x[:, None, 0, ::2]',
    [all, null, 0, { start: null, stop: null, step: 2 }],
    [2, 1, 2],
    [[[0, 2]], [[12, 14]]],
  ],
  [
    'x[:, -2:, ::-3]',
    [all, { start: -2, stop: null, step: null }, { start: null, stop: null, step: -3 }],
    [2, 2, 2],
    [
      [
        [7, 4],
        [11, 8],
      ],
      [
        [19, 16],
        [23, 20],
      ],
    ],
  ],
];

describe('SlicingOpLambda', () => {
  it.each(CASES)('indexes as NumPy does: %s', async (_name, sliceSpec, shape, expected) => {
    const x = tf.reshape(tf.range(0, 24), [2, 3, 4]);
    const layer = new SlicingOpLambda({ name: 'tf.__operators__.getitem' });
    await expectNoLeak(() => {
      const y = layer.apply(x, { sliceSpec });
      expect(y.shape).toEqual(shape);
      expectClose(y, expected as number[]);
      return y;
    });
    expect(layer.computeOutputShape([null, 3, 4], { sliceSpec })).toEqual([
      null,
      ...shape.slice(1),
    ]);
    x.dispose();
  });

  it('gives the sliced shape in a model graph and round-trips its config', () => {
    const x = input({ shape: [5, 7] });
    const layer = new SlicingOpLambda({ function: '__operators__.getitem', name: 'tf.getitem' });
    const y = layer.apply(x, { sliceSpec: [all, -1] }) as SymbolicTensor;
    expect(y.shape).toEqual([null, 7]);
    const config = layer.getConfig();
    expect(config.function).toBe('__operators__.getitem');
    expect(deserializeLayer({ className: 'SlicingOpLambda', config }).getConfig()).toEqual(config);
  });

  it('refuses other functions, bad specs and out-of-range indices by name', async () => {
    expect(() => new SlicingOpLambda({ function: 'math.add', name: 's' })).toThrow(
      's: TensorFlow function "math.add" is not supported by SlicingOpLambda',
    );
    const layer = new SlicingOpLambda({ name: 's' });
    const x = tf.zeros([2, 3]);
    await expectNoLeak(() => {
      expect(() => layer.apply(x)).toThrow(
        's: `sliceSpec` must be a slice spec in the call arguments',
      );
      expect(() => layer.apply(x, { sliceSpec: [all, 3] })).toThrow(
        's: index 3 is out of range for axis 1 of size 3; input shape [2,3]',
      );
      expect(() => layer.apply(x, { sliceSpec: [0, 0, 0] })).toThrow(
        's: the slice indexes 3 axes of an input of rank 2',
      );
      expect(() => layer.apply(x, { sliceSpec: ['x'] })).toThrow(
        's: `sliceSpec` must be integers, {start, stop, step} slices, null (new axis) or an ellipsis; received "x"',
      );
      expect(() => layer.apply(x, { sliceSpec: [{ start: 0, stop: 1, step: 0 }] })).toThrow(
        's: `sliceSpec` must be a slice step other than 0; received 0',
      );
    });
    x.dispose();
  });
});
