import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak, variableFiniteDifference } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import {
  expectConfigRoundTrip,
  expectLayerGradient,
  expectMatchesTfjsOnRandom,
} from '../../test/layer-checks.js';
import { input } from '../input-layer.js';
import { Conv2D, type Conv2DArgs, conv2d } from './conv2d.js';

function random(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

/** Our layer's output against tfjs-layers' Conv2D holding the same weights. */
function expectMatchesTfjs(args: Conv2DArgs, inputShape: number[]): void {
  const theirs = tfl.layers.conv2d(args as Parameters<typeof tfl.layers.conv2d>[0]);
  expectMatchesTfjsOnRandom(conv2d(args), theirs, inputShape, 3);
}

describe('Conv2D', () => {
  it('computes a hand-worked 2x2 convolution with bias', () => {
    const layer = conv2d({ filters: 1, kernelSize: 2 });
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    layer.build(x.shape);
    layer.setWeights([tf.tensor4d([1, 2, 3, 4], [2, 2, 1, 1]), tf.tensor1d([1])]);
    // Windows [[1,2],[4,5]]·[[1,2],[3,4]] = 1+4+12+20 = 37, [[2,3],[5,6]] → 2+6+15+24 = 47,
    // [[4,5],[7,8]] → 4+10+21+32 = 67, [[5,6],[8,9]] → 5+12+24+36 = 77; plus bias 1.
    const y = layer.apply(x);
    expectClose(y, tf.tensor4d([38, 48, 68, 78], [1, 2, 2, 1]));
    tf.dispose([x, y]);
    layer.dispose();
  });

  it.each<[string, Conv2DArgs, number[]]>([
    ['valid defaults', { filters: 3, kernelSize: 3 }, [2, 6, 5, 2]],
    [
      'same, strides 2, relu',
      { filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'relu' },
      [2, 7, 6, 3],
    ],
    ['dilated', { filters: 2, kernelSize: 2, dilationRate: [2, 3] }, [1, 7, 8, 2]],
    [
      'same, dilated',
      { filters: 2, kernelSize: 3, padding: 'same', dilationRate: 2 },
      [1, 6, 6, 2],
    ],
    [
      'channelsFirst',
      { filters: 3, kernelSize: 2, strides: [1, 2], dataFormat: 'channelsFirst' },
      [2, 2, 5, 6],
    ],
    ['no bias', { filters: 2, kernelSize: 1, useBias: false }, [1, 3, 3, 4]],
  ])('matches tfjs-layers Conv2D (%s)', (_, args, shape) => {
    expectMatchesTfjs(args, shape);
  });

  it('orders weights kernel [kh, kw, inC, filters], bias', () => {
    const layer = conv2d({ filters: 5, kernelSize: [3, 2] });
    layer.build([null, 8, 8, 3]);
    expect(layer.weights.map((w) => [w.originalName, w.shape])).toEqual([
      [`${layer.name}/kernel`, [3, 2, 3, 5]],
      [`${layer.name}/bias`, [5]],
    ]);
    expect(layer.countParams()).toBe(3 * 2 * 3 * 5 + 5);
    layer.dispose();
  });

  it('has gradients matching finite differences, for input and kernel', () => {
    const layer = conv2d({
      filters: 2,
      kernelSize: 2,
      strides: 2,
      padding: 'same',
      activation: 'tanh',
    });
    const x = random([1, 3, 3, 2], 5);
    layer.build(x.shape);
    expectLayerGradient(layer, x);
    const kernel = layer.kernel?.read() as tf.Variable;
    const loss = () => tf.sum(layer.apply(x)) as tf.Scalar;
    const { value, grads } = tf.variableGrads(loss, [kernel]);
    expectClose(grads[kernel.name] as tf.Tensor, variableFiniteDifference(loss, kernel), {
      rtol: 1e-2,
      atol: 1e-3,
    });
    tf.dispose([x, value, ...Object.values(grads)]);
    layer.dispose();
  });

  it('creates exactly its two weights on the first call and leaks nothing after', async () => {
    const layer = conv2d({ filters: 2, kernelSize: 3, padding: 'same' });
    const x = random([1, 4, 4, 1], 6);
    await expectNoLeak(() => layer.apply(x), { delta: 2 });
    await expectNoLeak(() => layer.apply(x));
    await expectNoLeak(() => tf.grad((v: tf.Tensor) => layer.apply(v))(x));
    x.dispose();
    layer.dispose();
  });

  it('applies its kernel regularizer and constraint, and keeps them in its config', () => {
    const layer = conv2d({
      filters: 1,
      kernelSize: 1,
      kernelRegularizer: { className: 'L1L2', config: { l1: 0, l2: 0.5 } },
      kernelConstraint: 'nonNeg',
    });
    layer.build([null, 1, 1, 2]);
    layer.setWeights([tf.tensor4d([3, -4], [1, 1, 2, 1]), tf.zeros([1])]);
    // l2 penalty 0.5 · (3² + (-4)²) = 12.5; nonNeg projects -4 to 0.
    const penalty = layer.regularizationLoss() as tf.Scalar;
    expectClose(penalty, 12.5);
    layer.applyConstraints();
    expectClose(layer.kernel?.read() as tf.Tensor, [3, 0]);
    const config = layer.getConfig();
    expect(config.kernelRegularizer).toMatchObject({ className: 'L1L2' });
    expect(config.kernelConstraint).toMatchObject({ className: 'NonNeg' });
    expect(Conv2D.fromConfig(config).getConfig()).toEqual(config);
    penalty.dispose();
    layer.dispose();
  });

  it('gives symbolic outputs the shape computeOutputShape promises', () => {
    const x = input({ shape: [9, 8, 3] });
    const y = conv2d({ filters: 5, kernelSize: 3, strides: 2 }).apply(x);
    // floor((9 - 3)/2) + 1 = 4, floor((8 - 3)/2) + 1 = 3.
    expect(y.shape).toEqual([null, 4, 3, 5]);
  });

  it('round-trips its config, also through the registry', () => {
    const layer = conv2d({
      filters: 4,
      kernelSize: [3, 1],
      strides: 1,
      padding: 'same',
      dilationRate: [2, 1],
      activation: 'relu',
      useBias: false,
      kernelInitializer: 'heNormal',
      name: 'conv_round_trip',
    });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      filters: 4,
      kernelSize: [3, 1],
      strides: [1, 1],
      padding: 'same',
      dataFormat: 'channelsLast',
      dilationRate: [2, 1],
      activation: 'relu',
      useBias: false,
    });
    expectConfigRoundTrip(Conv2D, config);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'filters 0',
      { filters: 0, kernelSize: 3 },
      'Conv2D: `filters` must be a positive integer; received 0',
    ],
    ['filters 2.5', { filters: 2.5, kernelSize: 3 }, 'received 2.5'],
    [
      'kernelSize 0',
      { filters: 1, kernelSize: 0 },
      '`kernelSize` must be a positive integer or an array of 2 of them; received 0',
    ],
    ['kernelSize [3]', { filters: 1, kernelSize: [3] }, 'received [3]'],
    ['missing kernelSize', { filters: 1 }, '`kernelSize` must be'],
    [
      'strides -1',
      { filters: 1, kernelSize: 3, strides: -1 },
      '`strides` must be a positive integer or an array of 2 of them; received -1',
    ],
    [
      'padding',
      { filters: 1, kernelSize: 3, padding: 'full' },
      `\`padding\` must be one of 'valid', 'same'; received "full"`,
    ],
    [
      'dataFormat',
      { filters: 1, kernelSize: 3, dataFormat: 'NHWC' },
      "`dataFormat` must be one of 'channelsLast', 'channelsFirst'",
    ],
    [
      'strides with dilation',
      { filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 },
      '`dilationRate` must be 1 when strides exceed 1',
    ],
  ])('rejects %s', (_, args, message) => {
    expect(() => new Conv2D(args as unknown as Conv2DArgs)).toThrow(tf.ConfigError);
    expect(() => new Conv2D(args as unknown as Conv2DArgs)).toThrow(message);
  });

  it('rejects inputs of the wrong rank or channel count', () => {
    const layer = conv2d({ filters: 1, kernelSize: 1 });
    expect(() => layer.build([null, 4, 4])).toThrow(
      /expected inputs of rank 4 \(rank 4\); received shape \[null,4,4\]/,
    );
    layer.build([null, 4, 4, 3]);
    const x = tf.zeros([1, 4, 4, 2]);
    expect(() => layer.apply(x)).toThrow(
      'expected inputs with 3 channels; received shape [1,4,4,2]',
    );
    x.dispose();
    layer.dispose();
  });
});
