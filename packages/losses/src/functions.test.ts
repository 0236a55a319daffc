import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, fixtures, tensorOf } from '../test/fixtures.js';

describe('loss functions against NumPy fixtures', () => {
  it('covers every loss function', () => {
    expect(new Set(fixtures.cases.map((c) => c.fn))).toEqual(new Set(Object.keys(FUNCTIONS)));
  });

  for (const c of fixtures.cases) {
    it(`${c.name}`, async () => {
      const fn = FUNCTIONS[c.fn]!;
      const yTrue = tensorOf(c.yTrue);
      const yPred = tensorOf(c.yPred);
      const actual = fn(yTrue, yPred, c.options);
      expect(actual.dtype).toBe('float32');
      expect(Array.from(actual.dataSync()).every(Number.isFinite)).toBe(true);
      expectClose(actual, tensorOf(c.expected), { rtol: 2e-5, atol: 2e-5, label: c.name });
      actual.dispose();
      await expectNoLeak(() => fn(yTrue, yPred, c.options));
      tf.dispose([yTrue, yPred]);
    });
  }
});

describe('hand-worked values', () => {
  it('huber switches from quadratic to linear at delta', () => {
    // errors 0.5 and 3 with delta 1: 0.5 * 0.25 = 0.125 and 1 * 3 - 0.5 = 2.5; mean 1.3125
    const out = FUNCTIONS.huber!(tf.tensor2d([[0, 0]]), tf.tensor2d([[0.5, 3]]), {});
    expectClose(out, [1.3125]);
  });

  it('hinge maps {0, 1} labels to {-1, 1} but leaves other labels alone', () => {
    // labels [1, 0] -> [1, -1]: max(1 - 0.5, 0) = 0.5, max(1 + 0.5, 0) = 1.5; mean 1
    expectClose(FUNCTIONS.hinge!(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]]), {}), [1]);
    // labels [1, 0.5] are not binary: max(1 - 0.5, 0) = 0.5, max(1 - 0.25, 0) = 0.75; mean 0.625
    expectClose(FUNCTIONS.hinge!(tf.tensor2d([[1, 0.5]]), tf.tensor2d([[0.5, 0.5]]), {}), [0.625]);
  });

  it('reconciles [batch] labels with [batch, 1] predictions like Keras', () => {
    // yTrue [2] is expanded to [2, 1]: errors 1 and 2 -> per-sample [1, 4]
    const out = FUNCTIONS.meanSquaredError!(tf.tensor1d([0, 0]), tf.tensor2d([[1], [2]]), {});
    expect(out.shape).toEqual([2]);
    expectClose(out, [1, 4]);
  });

  it('throws a ShapeError naming both shapes when they differ', () => {
    expect(() => FUNCTIONS.meanSquaredError!(tf.zeros([2, 3]), tf.zeros([2, 4]), {})).toThrow(
      'meanSquaredError: `yTrue` and `yPred` must have the same shape; received yTrue [2, 3] and yPred [2, 4]',
    );
  });

  it('validates options', () => {
    const t = tf.zeros([1, 2]);
    expect(() => FUNCTIONS.huber!(t, t, { delta: 0 })).toThrow(
      'huber: `delta` must be a finite number > 0; received 0',
    );
    expect(() => FUNCTIONS.binaryCrossentropy!(t, t, { labelSmoothing: 1.5 })).toThrow(
      'binaryCrossentropy: `labelSmoothing` must be a finite number in [0, 1]; received 1.5',
    );
    expect(() => FUNCTIONS.categoricalCrossentropy!(t, t, { fromLogits: 'yes' })).toThrow(
      'categoricalCrossentropy: `fromLogits` must be a boolean; received "yes"',
    );
    expect(() => FUNCTIONS.categoricalCrossentropy!(t, t, { axis: 2 })).toThrow(
      'categoricalCrossentropy: `axis` must be an integer in [-2, 1] for rank 2; received 2',
    );
    t.dispose();
  });
});
