import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectLayerInputGradient, expectMatchesTfjsOnRandom } from '../../test/layer-checks.js';
import { type Conv2DTransposeArgs, conv2dTranspose } from './conv2d-transpose.js';

describe('Conv2DTranspose', () => {
  it('scatters each input pixel through the kernel (hand-worked)', () => {
    const layer = conv2dTranspose({ filters: 1, kernelSize: 2, strides: 2, useBias: false });
    const x = tf.tensor4d([1, 2], [1, 1, 2, 1]);
    layer.build(x.shape);
    layer.setWeights([tf.tensor4d([1, 2, 3, 4], [2, 2, 1, 1])]);
    // Stride 2 = kernel size: each pixel v writes v·[[1,2],[3,4]] into its own 2x2 block,
    // giving [[1,2,2,4],[3,4,6,8]].
    const y = layer.apply(x);
    expectClose(y, tf.tensor4d([1, 2, 2, 4, 3, 4, 6, 8], [1, 2, 4, 1]));
    tf.dispose([x, y]);
  });

  it('adds overlapping contributions (stride 1, hand-worked)', () => {
    const layer = conv2dTranspose({ filters: 1, kernelSize: [1, 2], useBias: false });
    const x = tf.tensor4d([1, 10], [1, 1, 2, 1]);
    layer.build(x.shape);
    layer.setWeights([tf.tensor4d([2, 3], [1, 2, 1, 1])]);
    // out = [1·2, 1·3 + 10·2, 10·3] = [2, 23, 30]; length (2-1)·1 + 2 = 3.
    const y = layer.apply(x);
    expectClose(y, tf.tensor4d([2, 23, 30], [1, 1, 3, 1]));
    tf.dispose([x, y]);
  });

  it.each<[string, Conv2DTransposeArgs, number[]]>([
    ['valid, stride 1', { filters: 3, kernelSize: 3 }, [2, 4, 5, 2]],
    [
      'same, strides 2',
      { filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
      [1, 3, 4, 3],
    ],
    ['valid, kernel < stride', { filters: 2, kernelSize: 2, strides: 3 }, [1, 3, 3, 2]],
    [
      'channelsFirst',
      { filters: 2, kernelSize: [2, 3], strides: [2, 1], dataFormat: 'channelsFirst' },
      [1, 3, 4, 4],
    ],
  ])('matches tfjs-layers Conv2DTranspose (%s)', (_, args, shape) => {
    const theirs = tfl.layers.conv2dTranspose(
      args as Parameters<typeof tfl.layers.conv2dTranspose>[0],
    );
    expectMatchesTfjsOnRandom(conv2dTranspose(args), theirs, shape, 4);
  });

  it('sizes outputs with outputPadding as Keras does', () => {
    // Keras: (in - 1)·stride + kernel - 2·pad + outputPadding, pad = floor(kernel / 2) for 'same'.
    const valid = conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, outputPadding: 1 });
    expect(valid.computeOutputShape([null, 4, 5, 1])).toEqual([
      null,
      (4 - 1) * 2 + 3 + 1,
      (5 - 1) * 2 + 3 + 1,
      1,
    ]);
    const same = conv2dTranspose({
      filters: 1,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      outputPadding: 1,
    });
    expect(same.computeOutputShape([null, 4, 5, 1])).toEqual([
      null,
      3 * 2 + 3 - 2 + 1,
      4 * 2 + 3 - 2 + 1,
      1,
    ]);
    const x = tf.ones([1, 4, 5, 1]);
    const y = valid.apply(x);
    expect(y.shape).toEqual([1, 10, 12, 1]);
    tf.dispose([x, y]);
  });

  it('has the kernel layout [kh, kw, filters, inC] and gradients matching finite differences', async () => {
    const layer = conv2dTranspose({ filters: 2, kernelSize: [2, 3], strides: 2, padding: 'same' });
    const x = tf.randomUniform([1, 2, 2, 3], -1, 1, 'float32', 5);
    await expectNoLeak(() => layer.apply(x), { delta: 2 });
    expect(layer.weights.map((w) => w.shape)).toEqual([[2, 3, 2, 3], [2]]);
    await expectLayerInputGradient(layer, x);
    x.dispose();
  });
});
