import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { expect, it } from 'vitest';
import {
  describeKernels,
  expectSameOnBothBackends,
  randomTensor,
} from '../test/compare-backends.js';

const cases: Array<{
  label: string;
  x: [number, number, number, number];
  size: [number, number];
  strides: [number, number];
  pad: 'same' | 'valid';
}> = [
  { label: '2x2 stride 2 valid', x: [2, 8, 6, 3], size: [2, 2], strides: [2, 2], pad: 'valid' },
  {
    label: '2x2 stride 2 valid, odd map',
    x: [2, 7, 5, 2],
    size: [2, 2],
    strides: [2, 2],
    pad: 'valid',
  },
  {
    label: '3x3 stride 1 same (overlapping)',
    x: [1, 6, 7, 2],
    size: [3, 3],
    strides: [1, 1],
    pad: 'same',
  },
  { label: '3x2 strides [2,1] same', x: [2, 7, 6, 3], size: [3, 2], strides: [2, 1], pad: 'same' },
];

describeKernels('MaxPoolGrad on dendrite-native', () => {
  it.each(cases)('equals the cpu kernel ($label)', async ({ x, size, strides, pad }) => {
    await expectSameOnBothBackends(
      () => {
        const input = randomTensor(x, 3);
        const weights = randomTensor(tf.maxPool(input as tf.Tensor4D, size, strides, pad).shape, 4);
        return tf.grad((v) =>
          tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, size, strides, pad), weights)),
        )(input);
      },
      { rtol: 1e-6, atol: 1e-6 },
    );
  });

  it('sends a tied window to its first maximum and a window of -Infinity nowhere', async () => {
    // One 2x2 window [[5, 5], [1, 5]]: the first 5 (row-major) takes the gradient; the second
    // window is all -Infinity and passes none.
    const x = tf.tensor4d([5, 5, -Infinity, -Infinity, 1, 5, -Infinity, -Infinity], [1, 2, 4, 1]);
    const dx = tf.grad((v) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid'), 3)))(x);
    expect(Array.from(dx.dataSync())).toEqual([3, 0, 0, 0, 0, 0, 0, 0]);
    tf.dispose([x, dx]);
  });

  it('leaves no tensors behind', async () => {
    const x = randomTensor([1, 4, 4, 2], 5);
    await expectNoLeak(() =>
      tf.grad((v) => tf.sum(tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid')))(x),
    );
    x.dispose();
  });
});
