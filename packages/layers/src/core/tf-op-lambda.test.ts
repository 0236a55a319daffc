import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { TFOpLambda, tfOpLambda } from './tf-op-lambda.js';

describe('TFOpLambda', () => {
  it('applies a binary op to two inputs or to x and a constant y (hand-worked)', async () => {
    const a = tf.tensor2d([[1, 2, 3]]);
    const b = tf.tensor2d([[10, 20, 30]]);
    const add = tfOpLambda({ function: '__operators__.add' });
    const multiply = tfOpLambda({ function: 'math.multiply' });
    const subtract = tfOpLambda({ function: 'math.subtract' });
    await expectNoLeak(() => {
      const sum = add.apply([a, b]);
      expectClose(sum, [[11, 22, 33]]);
      // tf.keras saves `x * (1/255)` as math.multiply with call arguments {"y": 0.00392..}.
      const scaled = multiply.apply(b, { y: 0.1, name: null });
      expectClose(scaled, [[1, 2, 3]]);
      // Per-channel constants broadcast over x: [1-1, 2-1, 3-2].
      const centered = subtract.apply(a, { y: [1, 1, 2] });
      expectClose(centered, [[0, 1, 1]]);
      // x - y keeps the operand order with two inputs: 1-10, 2-20, 3-30.
      const difference = subtract.apply([a, b]);
      expectClose(difference, [[-9, -18, -27]]);
      return [sum, scaled, centered, difference];
    });
    tf.dispose([a, b]);
  });

  it('applies unary ops (relu6 as MobileNet exports use it)', () => {
    const x = tf.tensor1d([-1, 3, 8]);
    const y = tfOpLambda({ function: 'nn.relu6' }).apply(x);
    expectClose(y, [0, 3, 6]);
    tf.dispose([x, y]);
  });

  it('reduces over axis with keepdims, in values and in graph shapes (hand-worked)', async () => {
    // [[1, 2, 3], [4, 5, 6]]: mean over axis 1 → [2, 5]; sum over all → 21; max over axis 0
    // keeping dims → [[4, 5, 6]].
    const x = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const mean = tfOpLambda({ function: 'math.reduce_mean' });
    const sum = tfOpLambda({ function: 'math.reduce_sum' });
    const max = tfOpLambda({ function: 'math.reduceMax' });
    await expectNoLeak(() => {
      const a = mean.apply(x, { axis: 1, name: null });
      expectClose(a, [2, 5]);
      const b = sum.apply(x, {});
      expectClose(b, 21);
      const c = max.apply(x, { axis: [0], keepdims: true });
      expectClose(c, [[4, 5, 6]]);
      expect(() => mean.apply(x, { axis: 2 })).toThrow(
        '`axis` must be integers in [-2, 1] or null; received 2',
      );
      return [a, b, c];
    });
    expect(mean.computeOutputShape([null, 5, 3], { axis: 1 })).toEqual([null, 3]);
    expect(mean.computeOutputShape([null, 5, 3], { axis: -1, keepdims: true })).toEqual([
      null,
      5,
      1,
    ]);
    x.dispose();
  });

  it('finds Keras names however a config conversion spelled them', () => {
    for (const spelling of ['__operators__.add', 'tf.__operators__.add', 'Operators__.add']) {
      expect(tfOpLambda({ function: spelling }).function).toBe('__operators__.add');
    }
    expect(tfOpLambda({ function: 'math.squaredDifference' }).function).toBe(
      'math.squared_difference',
    );
  });

  it('refuses any other function by name, never running code', () => {
    for (const name of ['__operators__.getitem', 'compat.v1.py_func', 'eval']) {
      expect(() => tfOpLambda({ function: name, name: 'tf.op' })).toThrow(tf.UnknownNameError);
      expect(() => tfOpLambda({ function: name, name: 'tf.op' })).toThrow(
        `tf.op: TensorFlow function "${name}" is not supported (code from a file is never run); supported: __operators__.add, math.add`,
      );
    }
  });

  it('computes output shapes with broadcasting and round-trips its config', () => {
    const layer = tfOpLambda({ function: 'math.add', name: 'tf.math.add' });
    expect(
      layer.computeOutputShape([
        [null, 4, 3],
        [null, 1, 3],
      ]),
    ).toEqual([null, 4, 3]);
    expect(layer.computeOutputShape([null, 5])).toEqual([null, 5]);
    expect(() =>
      layer.computeOutputShape([
        [null, 4],
        [null, 3],
      ]),
    ).toThrow('tf.math.add: shapes [null,4] and [null,3] do not broadcast');
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'tf.math.add', function: 'math.add' });
    expectConfigRoundTrip(TFOpLambda, config);
  });

  it('rejects a missing constant and a wrong input count, leaking nothing', async () => {
    const x = tf.ones([2, 3]);
    const multiply = tfOpLambda({ function: 'math.multiply', name: 'mul' });
    const relu = tfOpLambda({ function: 'nn.relu', name: 'relu' });
    await expectNoLeak(() => {
      expect(() => multiply.apply(x)).toThrow(
        'mul: `y` must be a second input or a finite number (or list) in the call arguments of math.multiply; received undefined',
      );
      expect(() => multiply.apply(x, { y: [1, 2] })).toThrow(
        'mul: the constant `y` of shape [2] must broadcast into x of shape [2,3]',
      );
      expect(() => relu.apply([x, x])).toThrow('relu: nn.relu takes one input; received 2');
    });
    x.dispose();
  });
});
