import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { embedding } from '../embedding/embedding.js';
import type { Layer } from '../layer.js';
import { conv2d } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { depthwiseConv2d } from './depthwise-conv2d.js';
import { separableConv2d } from './separable-conv2d.js';

/** Gradients of a weighted sum of the layer's output, for every weight, as plain numbers. */
function weightGradients(layer: Layer, x: tf.Tensor): number[][] {
  return tf.tidy(() => {
    const y0 = layer.apply(x);
    const mix = tf.linspace(-1, 1, y0.size).reshape(y0.shape);
    const variables = layer.trainableWeights.map((w) => w.read());
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(layer.apply(x), mix)) as tf.Scalar,
      variables,
    );
    return variables.map((v) => Array.from((grads[v.name] as tf.Tensor).dataSync()));
  });
}

// The wasm backend has no Conv2DBackpropFilter, depthwise backprop or UnsortedSegmentSum kernels:
// our layers must train there anyway, with the same gradients as on the CPU.
// tfjs' test-mode kernel leak check counts the copies a customGrad saves for backprop as leaks
// on backends whose clone copies data (wasm); it is off outside tests, and off here.
describe('gradients on the wasm backend', () => {
  afterAll(async () => {
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });

  it('equal the CPU ones for conv, depthwise, separable, transposed conv and embedding layers', async () => {
    const image = tf.randomUniform([2, 5, 5, 3], -1, 1, 'float32', 1);
    const indices = tf.tensor2d(
      [
        [1, 3, 1],
        [0, 4, 4],
      ],
      [2, 3],
      'int32',
    );
    const cases: Array<[Layer, tf.Tensor]> = [
      [conv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), image],
      [conv2d({ filters: 2, kernelSize: 2, dilationRate: 2 }), image],
      [depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2, strides: 2 }), image],
      [separableConv2d({ filters: 2, kernelSize: 3, padding: 'same' }), image],
      [conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), image],
      [embedding({ inputDim: 5, outputDim: 3 }), indices],
    ];
    const onCpu = cases.map(([layer, x]) => weightGradients(layer, x));
    const choice = await tf.useBackend('wasm', { log: false });
    tf.env().set('IS_TEST', false);
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    // The premise: tfjs-core's own filter gradient has no wasm kernel.
    const kernel = tf.ones([2, 2, 3, 1]) as tf.Tensor4D;
    expect(() =>
      tf.grad((k: tf.Tensor) => tf.conv2d(image as tf.Tensor4D, k as tf.Tensor4D, 1, 'valid'))(
        kernel,
      ),
    ).toThrow(/Conv2DBackpropFilter/);
    kernel.dispose();
    cases.forEach(([layer, x], i) => {
      const onWasm = weightGradients(layer, x);
      onWasm.forEach((grad, j) => {
        const label = `${layer.name} weight ${j}`;
        expectClose(grad, onCpu[i]?.[j] as number[], { atol: 1e-4, label });
      });
    });
    tf.dispose([image, indices]);
    for (const [layer] of cases) layer.dispose();
  });
});
