import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectLayerInputGradient, expectMatchesTfjsOnRandom } from '../../test/layer-checks.js';
import { type DepthwiseConv2DArgs, depthwiseConv2d } from './depthwise-conv2d.js';

describe('DepthwiseConv2D', () => {
  it('convolves each channel with its own filters (hand-worked)', () => {
    const layer = depthwiseConv2d({ kernelSize: [1, 2], depthMultiplier: 2 });
    // Channels a = [1, 2], b = [10, 20] along one row of width 2.
    const x = tf.tensor4d([1, 10, 2, 20], [1, 1, 2, 2]);
    layer.build(x.shape);
    // kernel[0, j, c, m]: channel a taps [1, 1] (m=0) and [1, -1] (m=1); b taps [0, 1] and [2, 0].
    const kernel = tf.tensor4d([1, 1, 0, 2, 1, -1, 1, 0], [1, 2, 2, 2]);
    layer.setWeights([kernel, tf.tensor1d([0, 0, 0, 100])]);
    // Output channels ordered (c, m): a·[1,1] = 3, a·[1,-1] = -1, b·[0,1] = 20, b·[2,0] + 100 = 120.
    const y = layer.apply(x);
    expectClose(y, tf.tensor4d([3, -1, 20, 120], [1, 1, 1, 4]));
    tf.dispose([x, y]);
  });

  it.each<[string, DepthwiseConv2DArgs, number[]]>([
    ['valid', { kernelSize: 3 }, [2, 5, 6, 3]],
    [
      'same, strides 2, multiplier 2',
      { kernelSize: [3, 2], strides: 2, padding: 'same', depthMultiplier: 2 },
      [1, 7, 6, 2],
    ],
    ['same, relu', { kernelSize: 2, padding: 'same', activation: 'relu' }, [1, 5, 6, 2]],
    [
      'channelsFirst',
      { kernelSize: 2, depthMultiplier: 3, dataFormat: 'channelsFirst' },
      [1, 2, 4, 5],
    ],
  ])('matches tfjs-layers DepthwiseConv2D (%s)', (_, args, shape) => {
    const theirs = tfl.layers.depthwiseConv2d(
      args as Parameters<typeof tfl.layers.depthwiseConv2d>[0],
    );
    expectMatchesTfjsOnRandom(depthwiseConv2d(args), theirs, shape, 6);
  });

  it("matches tf.depthwiseConv2d with dilations (tfjs-layers' own output shape is wrong there)", () => {
    const layer = depthwiseConv2d({
      kernelSize: 2,
      dilationRate: [2, 3],
      depthMultiplier: 2,
      useBias: false,
    });
    const x = tf.randomUniform([1, 6, 7, 2], -1, 1, 'float32', 12);
    const y = layer.apply(x);
    const kernel = layer.depthwiseKernel?.read() as tf.Tensor4D;
    const expected = tf.depthwiseConv2d(x as tf.Tensor4D, kernel, 1, 'valid', 'NHWC', [2, 3]);
    expectClose(y, expected, { atol: 1e-5 });
    // Effective kernel (2-1)·2+1 = 3 rows, (2-1)·3+1 = 4 columns: 6-3+1 = 4, 7-4+1 = 4.
    expect(layer.computeOutputShape([null, 6, 7, 2])).toEqual([null, 4, 4, 4]);
    expect(y.shape).toEqual([1, 4, 4, 4]);
    tf.dispose([x, y, expected]);
  });

  it('names its weights depthwise_kernel, bias; gradients match finite differences; no leaks', async () => {
    const layer = depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2, padding: 'same' });
    const x = tf.randomUniform([1, 3, 3, 2], -1, 1, 'float32', 7);
    await expectNoLeak(() => layer.apply(x), { delta: 2 });
    expect(layer.weights.map((w) => [w.originalName, w.shape])).toEqual([
      [`${layer.name}/depthwise_kernel`, [2, 2, 2, 2]],
      [`${layer.name}/bias`, [4]],
    ]);
    await expectLayerInputGradient(layer, x);
    x.dispose();
  });
});
