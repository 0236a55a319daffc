import * as tf from '@dendrite/tensor';
import { expectClose, expectMatchesTfjsLayer, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectLayerInputGradient } from '../../test/layer-checks.js';
import { type Conv1DArgs, conv1d } from './conv1d.js';

describe('Conv1D', () => {
  it('computes a hand-worked convolution over steps', () => {
    const layer = conv1d({ filters: 1, kernelSize: 2, strides: 2 });
    const x = tf.tensor3d([1, 2, 3, 4, 5], [1, 5, 1]);
    layer.build(x.shape);
    layer.setWeights([tf.tensor3d([10, 1], [2, 1, 1]), tf.tensor1d([0.5])]);
    // Windows [1,2] and [3,4] (the 5th step is dropped by 'valid'): 10·1+1·2+0.5 = 12.5, 10·3+4+0.5 = 34.5.
    const y = layer.apply(x);
    expectClose(y, tf.tensor3d([12.5, 34.5], [1, 2, 1]));
    tf.dispose([x, y]);
    layer.dispose();
  });

  it.each<[string, Conv1DArgs]>([
    ['valid', { filters: 3, kernelSize: 3 }],
    [
      'same, strides 2, relu',
      { filters: 2, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu' },
    ],
    ['dilated', { filters: 2, kernelSize: 2, dilationRate: 3 }],
  ])('matches tfjs-layers Conv1D (%s)', (_, args) => {
    const ours = conv1d(args);
    const theirs = tfl.layers.conv1d(args as Parameters<typeof tfl.layers.conv1d>[0]);
    const x = tf.randomUniform([2, 9, 3], -1, 1, 'float32', 1);
    expectMatchesTfjsLayer(ours, theirs, x);
    expect(ours.weights.map((w) => w.shape)).toEqual([
      [args.kernelSize as number, 3, args.filters],
      [args.filters],
    ]);
    x.dispose();
  });

  it('supports channelsFirst by transposing around the op', () => {
    const last = conv1d({ filters: 2, kernelSize: 2 });
    const first = conv1d({ filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' });
    const x = tf.randomUniform([1, 5, 3], -1, 1, 'float32', 2);
    const y = last.apply(x);
    const xt = tf.transpose(x, [0, 2, 1]);
    first.build(xt.shape);
    first.setWeights(last.getWeights());
    const yt = first.apply(xt);
    expectClose(yt, tf.transpose(y, [0, 2, 1]));
    expect(first.computeOutputShape([null, 3, 5])).toEqual([null, 2, 4]);
    tf.dispose([x, y, xt, yt]);
  });

  it('has input gradients matching finite differences, and does not leak', async () => {
    const layer = conv1d({ filters: 2, kernelSize: 2, padding: 'same', dilationRate: 2 });
    const x = tf.randomUniform([1, 4, 2], -1, 1, 'float32', 3);
    await expectNoLeak(() => layer.apply(x), { delta: 2 });
    await expectLayerInputGradient(layer, x);
    x.dispose();
    layer.dispose();
  });
});
