import * as tf from '@dendrite/tensor';
import {
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectNoLeak,
} from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type Conv2dSpec,
  conv2dOp,
  conv2dTransposeOp,
  depthwiseConv2dOp,
  portableConv2d,
} from './conv-ops.js';

function rand(shape: [number, number, number, number], seed: number): tf.Tensor4D {
  return tf.randomUniform(shape, -1, 1, 'float32', seed) as tf.Tensor4D;
}

// Loss weights make every output element's gradient distinct.
function weighted(y: tf.Tensor, seed: number): tf.Scalar {
  return tf.sum(tf.mul(y, tf.randomUniform(y.shape, -1, 1, 'float32', seed)));
}

const cases: Array<[string, Conv2dSpec]> = [
  ['valid, stride 1', { strides: [1, 1], padding: 'valid', dilations: [1, 1] }],
  ['same, stride 1', { strides: [1, 1], padding: 'same', dilations: [1, 1] }],
  ['valid, strides 2x3', { strides: [2, 3], padding: 'valid', dilations: [1, 1] }],
  ['same, strides 2x2', { strides: [2, 2], padding: 'same', dilations: [1, 1] }],
  ['same, strides 3x2', { strides: [3, 2], padding: 'same', dilations: [1, 1] }],
];

describe('conv2dOp', () => {
  it.each(cases)("the portable gradient equals tfjs-core's autodiff (%s)", (_, spec) => {
    tf.tidy(() => {
      const x = rand([2, 7, 8, 3], 1);
      const w = rand([3, 2, 3, 4], 2);
      const ours = tf.grads((a, b) =>
        weighted(portableConv2d(a as tf.Tensor4D, b as tf.Tensor4D, spec), 3),
      )([x, w]);
      const ref = tf.grads((a, b) =>
        weighted(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, [...spec.strides], spec.padding), 3),
      )([x, w]);
      expectClose(ours[0] as tf.Tensor, ref[0] as tf.Tensor, { atol: 1e-4, label: 'dx' });
      expectClose(ours[1] as tf.Tensor, ref[1] as tf.Tensor, { atol: 1e-4, label: 'dw' });
    });
  });

  it.each([
    ['valid', 'valid' as const],
    ['same', 'same' as const],
  ])('dilated (%s) gradients match finite differences', (_, padding) => {
    const spec: Conv2dSpec = { strides: [1, 1], padding, dilations: [2, 3] };
    const x = rand([1, 7, 8, 2], 4);
    const w = rand([2, 2, 2, 3], 5);
    expectGradientMatchesFiniteDifference((v) => conv2dOp(v as tf.Tensor4D, w, spec), x);
    expectGradientMatchesFiniteDifference((v) => conv2dOp(x, v as tf.Tensor4D, spec), w);
    tf.dispose([x, w]);
  });

  it('without an input gradient, gives the same filter gradient and skips the transposed conv', async () => {
    const x = rand([2, 7, 8, 3], 8);
    const w = rand([3, 2, 3, 4], 9);
    const spec: Conv2dSpec = { strides: [2, 1], padding: 'same', dilations: [1, 1] };
    const filterGrad = (inputGradient: boolean) =>
      tf.grad((b) => weighted(portableConv2d(x, b as tf.Tensor4D, { ...spec, inputGradient }), 3))(
        w,
      );
    const full = filterGrad(true);
    const only = filterGrad(false);
    expectClose(only, full, { atol: 1e-6, label: 'dw' });
    const kernels = async (inputGradient: boolean) =>
      (await tf.profile(() => filterGrad(inputGradient))).kernels.map((k) => k.name);
    expect(await kernels(true)).toContain('Conv2DBackpropInput');
    expect(await kernels(false)).not.toContain('Conv2DBackpropInput');
    tf.dispose([x, w, full, only]);
  });

  it('frees its temporaries in value and gradient', async () => {
    const x = rand([1, 5, 5, 2], 6);
    const w = rand([3, 3, 2, 2], 7);
    const spec: Conv2dSpec = { strides: [1, 1], padding: 'same', dilations: [2, 2] };
    await expectNoLeak(() =>
      tf.grads((a, b) => tf.sum(conv2dOp(a as tf.Tensor4D, b as tf.Tensor4D, spec)))([x, w]),
    );
    tf.dispose([x, w]);
  });
});

describe('conv2dTransposeOp', () => {
  it.each(cases.filter(([, s]) => s.dilations[0] === 1))(
    "gradients equal tfjs-core's autodiff (%s)",
    (_, spec) => {
      tf.tidy(() => {
        const x = rand([2, 3, 4, 3], 8);
        const w = rand([3, 2, 5, 3], 9);
        const out: [number, number, number, number] =
          spec.padding === 'same'
            ? [2, 3 * spec.strides[0], 4 * spec.strides[1], 5]
            : [2, (3 - 1) * spec.strides[0] + 3, (4 - 1) * spec.strides[1] + 2, 5];
        const ours = tf.grads((a, b) =>
          weighted(conv2dTransposeOp(a as tf.Tensor4D, b as tf.Tensor4D, out, spec), 10),
        )([x, w]);
        const ref = tf.grads((a, b) =>
          weighted(
            tf.conv2dTranspose(
              a as tf.Tensor4D,
              b as tf.Tensor4D,
              out,
              [...spec.strides],
              spec.padding,
            ),
            10,
          ),
        )([x, w]);
        expectClose(ours[0] as tf.Tensor, ref[0] as tf.Tensor, { atol: 1e-4, label: 'dx' });
        expectClose(ours[1] as tf.Tensor, ref[1] as tf.Tensor, { atol: 1e-4, label: 'dw' });
      });
    },
  );
});

describe('depthwiseConv2dOp', () => {
  it.each(cases)("gradients equal tfjs-core's autodiff (%s)", (_, spec) => {
    tf.tidy(() => {
      const x = rand([2, 7, 8, 3], 11);
      const w = rand([3, 2, 3, 2], 12);
      const ours = tf.grads((a, b) =>
        weighted(depthwiseConv2dOp(a as tf.Tensor4D, b as tf.Tensor4D, spec), 13),
      )([x, w]);
      const ref = tf.grads((a, b) =>
        weighted(
          tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, [...spec.strides], spec.padding),
          13,
        ),
      )([x, w]);
      expectClose(ours[0] as tf.Tensor, ref[0] as tf.Tensor, { atol: 1e-4, label: 'dx' });
      expectClose(ours[1] as tf.Tensor, ref[1] as tf.Tensor, { atol: 1e-4, label: 'dw' });
    });
  });

  it('dilated gradients match finite differences', () => {
    const spec: Conv2dSpec = { strides: [1, 1], padding: 'same', dilations: [2, 2] };
    const x = rand([1, 6, 6, 2], 14);
    const w = rand([2, 3, 2, 2], 15);
    expectGradientMatchesFiniteDifference((v) => depthwiseConv2dOp(v as tf.Tensor4D, w, spec), x);
    expectGradientMatchesFiniteDifference((v) => depthwiseConv2dOp(x, v as tf.Tensor4D, spec), w);
    tf.dispose([x, w]);
  });
});
