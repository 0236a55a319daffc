import * as tf from '@dendrite/tensor';
import {
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectNoLeak,
  variableFiniteDifference,
} from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, shareRandomWeights } from '../../test/layer-checks.js';
import {
  BatchNormalization,
  type BatchNormalizationArgs,
  batchNormalization,
} from './batch-normalization.js';

const values = (t: tf.Tensor | undefined) => Array.from((t as tf.Tensor).dataSync());

describe('BatchNormalization', () => {
  it('normalizes with batch statistics in training and updates the moving ones (hand-worked)', () => {
    const layer = batchNormalization({ momentum: 0.9 });
    const x = tf.tensor2d([[1], [5]]);
    // Batch mean 3, biased variance ((1-3)² + (5-3)²)/2 = 4; output ±2/sqrt(4 + 0.001) = ±0.99987503.
    const y = layer.apply(x, { training: true });
    expectClose(y, [[-2 / Math.sqrt(4.001)], [2 / Math.sqrt(4.001)]]);
    // moving_mean = 0·0.9 + 3·0.1 = 0.3; moving_variance = 1·0.9 + 4·0.1 = 1.3.
    expectClose(values(layer.movingMean?.read()), [0.3]);
    expectClose(values(layer.movingVariance?.read()), [1.3]);
    tf.dispose(layer.apply(x, { training: true }));
    // Second step: 0.3·0.9 + 0.3 = 0.57; 1.3·0.9 + 0.4 = 1.57.
    expectClose(values(layer.movingMean?.read()), [0.57]);
    expectClose(values(layer.movingVariance?.read()), [1.57]);
    // Inference uses them: (1 - 0.57)/sqrt(1.57 + 0.001) = 0.34317..., (5 - 0.57)/sqrt(1.571) = 3.53439...
    const z = layer.apply(x);
    expectClose(z, [[0.43 / Math.sqrt(1.571)], [4.43 / Math.sqrt(1.571)]]);
    expectClose(values(layer.movingMean?.read()), [0.57]);
    tf.dispose([x, y, z]);
  });

  it('applies gamma and beta per feature, on any axis (hand-worked)', () => {
    const layer = batchNormalization({ axis: 1, epsilon: 0.5 });
    const x = tf.tensor3d([
      [
        [2, 4],
        [6, 8],
      ],
    ]);
    layer.build(x.shape);
    // Features on axis 1: gamma [2, 3], beta [10, 20], moving mean [1, 2], variance [0.5, 1.5].
    layer.setWeights([
      tf.tensor1d([2, 3]),
      tf.tensor1d([10, 20]),
      tf.tensor1d([1, 2]),
      tf.tensor1d([0.5, 1.5]),
    ]);
    // Feature 0: 2·(x - 1)/sqrt(1) + 10 → 12, 16. Feature 1: 3·(x - 2)/sqrt(2) + 20 → 28.485, 32.728.
    const y = layer.apply(x);
    expectClose(y, [
      [
        [12, 16],
        [20 + (3 * 4) / Math.SQRT2, 20 + (3 * 6) / Math.SQRT2],
      ],
    ]);
    tf.dispose([x, y]);
  });

  it.each<[string, BatchNormalizationArgs, number[]]>([
    ['last axis', {}, [4, 3]],
    ['channels of an image', { axis: 3, momentum: 0.5, epsilon: 0.01 }, [2, 3, 3, 2]],
    ['no center', { center: false }, [3, 4]],
    ['no scale', { scale: false }, [3, 4]],
  ])('matches tfjs-layers in inference and training (%s)', (_, args, shape) => {
    const ours = batchNormalization(args);
    const theirs = tfl.layers.batchNormalization(
      args as Parameters<typeof tfl.layers.batchNormalization>[0],
    );
    const x = tf.randomUniform(shape, -2, 3, 'float32', 1);
    // Non-trivial statistics so the inference path is exercised.
    const weights = shareRandomWeights(ours, theirs, x, [0.5, 1.5], 10);
    // tfjs-layers' training path needs both gamma and beta.
    const modes = args.center === false || args.scale === false ? [false] : [false, true];
    for (const training of modes) {
      const expected = theirs.apply(x, { training }) as tf.Tensor;
      const y = ours.apply(x, { training });
      expectClose(y, expected, { atol: 1e-5, label: `training ${training}` });
      tf.dispose([y, expected]);
    }
    expect(ours.computeOutputShape([null, ...shape.slice(1)])).toEqual([null, ...shape.slice(1)]);
    tf.dispose([x, ...weights]);
  });

  // tfjs' batchNorm kernel broadcasts parameters along the last axis only, so tfjs-layers is no
  // reference for axis 1; a channels-last layer on the transposed input is.
  it('normalizes channels first (axis 1) like channels last on the transposed input', () => {
    const first = batchNormalization({ axis: 1, momentum: 0.8 });
    const last = batchNormalization({ momentum: 0.8 });
    const x = tf.randomUniform([2, 3, 2, 2], -2, 3, 'float32', 5);
    const xt = tf.transpose(x, [0, 2, 3, 1]);
    first.build(x.shape);
    last.build(xt.shape);
    const weights = first.weights.map((w, i) =>
      tf.randomUniform(w.shape, 0.5, 1.5, 'float32', 30 + i),
    );
    first.setWeights(weights);
    last.setWeights(weights);
    for (const training of [false, true]) {
      const y = first.apply(x, { training });
      const expected = tf.tidy(() => tf.transpose(last.apply(xt, { training }), [0, 3, 1, 2]));
      expectClose(y, expected, { atol: 1e-5, label: `training ${training}` });
      tf.dispose([y, expected]);
    }
    expectClose(values(first.movingMean?.read()), values(last.movingMean?.read()));
    expectClose(values(first.movingVariance?.read()), values(last.movingVariance?.read()));
    tf.dispose([x, xt, ...weights]);
  });

  it('orders weights gamma, beta, moving_mean, moving_variance, the last two non-trainable', () => {
    const layer = batchNormalization();
    layer.build([null, 5]);
    expect(layer.weights.map((w) => [w.originalName.split('/')[1], w.trainable])).toEqual([
      ['gamma', true],
      ['beta', true],
      ['moving_mean', false],
      ['moving_variance', false],
    ]);
    expect(layer.trainableWeights).toHaveLength(2);
  });

  it('runs in inference mode when frozen, even with training: true', () => {
    const layer = batchNormalization({ momentum: 0.5 });
    const x = tf.tensor2d([[1], [5]]);
    layer.build(x.shape);
    layer.trainable = false;
    const y = layer.apply(x, { training: true });
    // Moving statistics (0, 1): x / sqrt(1.001), and no update.
    expectClose(y, [[1 / Math.sqrt(1.001)], [5 / Math.sqrt(1.001)]]);
    expectClose(values(layer.movingMean?.read()), [0]);
    tf.dispose([x, y]);
  });

  it('has training-mode gradients matching finite differences, for input and gamma', () => {
    const layer = batchNormalization();
    const x = tf.randomUniform([3, 2], -1, 1, 'float32', 2);
    const mix = tf.tensor2d([
      [1, -2],
      [0.5, 3],
      [-1, 2],
    ]);
    layer.build(x.shape);
    layer.setWeights([
      tf.tensor1d([1.5, -0.5]),
      tf.tensor1d([0.1, 0.2]),
      tf.zeros([2]),
      tf.ones([2]),
    ]);
    expectGradientMatchesFiniteDifference(
      (v) => tf.mul(layer.apply(v, { training: true }), mix),
      x,
    );
    const gamma = layer.gamma?.read() as tf.Variable;
    const loss = () => tf.sum(tf.mul(layer.apply(x, { training: true }), mix)) as tf.Scalar;
    const { value, grads } = tf.variableGrads(loss, [gamma]);
    expectClose(grads[gamma.name] as tf.Tensor, variableFiniteDifference(loss, gamma), {
      rtol: 1e-2,
      atol: 1e-3,
    });
    tf.dispose([x, mix, value, ...Object.values(grads)]);
  });

  it('creates four weights on the first call and leaks nothing after, in both modes', async () => {
    const layer = batchNormalization();
    const x = tf.randomUniform([4, 3], -1, 1, 'float32', 3);
    await expectNoLeak(() => layer.apply(x), { delta: 4 });
    await expectNoLeak(() => layer.apply(x));
    await expectNoLeak(() => layer.apply(x, { training: true }));
    x.dispose();
  });

  it('round-trips its config and validates', () => {
    const layer = batchNormalization({
      axis: 1,
      momentum: 0.9,
      epsilon: 1e-5,
      center: false,
      gammaInitializer: 'zeros',
    });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      axis: 1,
      momentum: 0.9,
      epsilon: 1e-5,
      center: false,
      scale: true,
      gammaInitializer: { className: 'Zeros' },
      movingVarianceInitializer: { className: 'Ones' },
    });
    expectConfigRoundTrip(BatchNormalization, config);
    expect(() => batchNormalization({ momentum: 1.5 })).toThrow(
      'BatchNormalization: `momentum` must be a finite number in [0, 1]; received 1.5',
    );
    expect(() => batchNormalization({ epsilon: 0 })).toThrow(
      '`epsilon` must be a finite number > 0; received 0',
    );
    expect(() => batchNormalization({ axis: 0.5 })).toThrow(
      '`axis` must be an integer; received 0.5',
    );
    expect(() => batchNormalization({ axis: 2 }).build([null, 3])).toThrow(
      '`axis` 2 is out of range for inputs of rank 2',
    );
  });
});
