import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectLayerGradient, expectMatchesTfjsOnRandom } from '../../test/layer-checks.js';
import { type SeparableConv2DArgs, separableConv2d } from './separable-conv2d.js';

describe('SeparableConv2D', () => {
  it('is a depthwise step then a pointwise mix (hand-worked)', () => {
    const layer = separableConv2d({ filters: 1, kernelSize: 1 });
    const x = tf.tensor4d([2, 3], [1, 1, 1, 2]);
    layer.build(x.shape);
    // Depthwise scales the channels by [10, 100] → [20, 300]; pointwise [1, -1] → -280; bias 5.
    layer.setWeights([
      tf.tensor4d([10, 100], [1, 1, 2, 1]),
      tf.tensor4d([1, -1], [1, 1, 2, 1]),
      tf.tensor1d([5]),
    ]);
    const y = layer.apply(x);
    expectClose(y, tf.tensor4d([-275], [1, 1, 1, 1]));
    tf.dispose([x, y]);
  });

  it.each<[string, SeparableConv2DArgs, number[]]>([
    ['valid', { filters: 3, kernelSize: 3 }, [2, 5, 6, 2]],
    [
      'same, strides 2, multiplier 2',
      { filters: 4, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 },
      [1, 7, 6, 3],
    ],
    [
      'dilated, relu',
      { filters: 2, kernelSize: 2, dilationRate: 2, activation: 'relu' },
      [1, 6, 5, 2],
    ],
  ])('matches tfjs-layers SeparableConv2D (%s)', (_, args, shape) => {
    const theirs = tfl.layers.separableConv2d(
      args as Parameters<typeof tfl.layers.separableConv2d>[0],
    );
    expectMatchesTfjsOnRandom(separableConv2d(args), theirs, shape, 8);
  });

  it('orders weights depthwise_kernel, pointwise_kernel, bias; gradients match finite differences', async () => {
    const layer = separableConv2d({ filters: 2, kernelSize: 2, depthMultiplier: 2 });
    const x = tf.randomUniform([1, 3, 3, 2], -1, 1, 'float32', 9);
    await expectNoLeak(() => layer.apply(x), { delta: 3 });
    expect(layer.weights.map((w) => [w.originalName.split('/')[1], w.shape])).toEqual([
      ['depthwise_kernel', [2, 2, 2, 2]],
      ['pointwise_kernel', [1, 1, 4, 2]],
      ['bias', [2]],
    ]);
    expectLayerGradient(layer, x);
    x.dispose();
  });
});
