import * as tf from '@dendrite/tensor';
import {
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectNoLeak,
} from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { shareRandomWeights } from '../../test/layer-checks.js';
import {
  LayerNormalization,
  type LayerNormalizationArgs,
  layerNormalization,
} from './layer-normalization.js';

describe('LayerNormalization', () => {
  it('normalizes each sample over its features (hand-worked)', () => {
    const layer = layerNormalization({ epsilon: 1 });
    const x = tf.tensor2d([
      [1, 3],
      [0, 0],
    ]);
    layer.build(x.shape);
    layer.setWeights([tf.tensor1d([2, 2]), tf.tensor1d([0, 10])]);
    // Row 1: mean 2, variance 1 → (x - 2)/sqrt(1 + 1) = ∓0.7071, ·2 + beta → -1.4142, 11.4142.
    // Row 2: all zero → 0·2 + beta = 0, 10.
    const y = layer.apply(x);
    expectClose(y, [
      [-Math.SQRT2, 10 + Math.SQRT2],
      [0, 10],
    ]);
    tf.dispose([x, y]);
  });

  it.each<[string, LayerNormalizationArgs, number[]]>([
    ['last axis', {}, [3, 5]],
    ['last axis of a sequence', { epsilon: 1e-5 }, [2, 4, 3]],
    ['two axes', { axis: [1, 2] }, [2, 3, 4]],
    ['no center or scale', { center: false, scale: false }, [2, 6]],
  ])('matches tfjs-layers (%s)', async (_, args, shape) => {
    const ours = layerNormalization(args);
    const theirs = tfl.layers.layerNormalization(
      args as Parameters<typeof tfl.layers.layerNormalization>[0],
    );
    const x = tf.randomUniform(shape, -2, 3, 'float32', 4);
    const weights = shareRandomWeights(ours, theirs, x, [-1, 1], 20);
    const y = ours.apply(x);
    const expected = theirs.apply(x) as tf.Tensor;
    expectClose(y, expected, { atol: 1e-5 });
    expect(ours.computeOutputShape([null, ...shape.slice(1)])).toEqual([null, ...shape.slice(1)]);
    await expectNoLeak(() => ours.apply(x));
    tf.dispose([x, y, expected, ...weights]);
  });

  it('has input gradients matching finite differences', () => {
    const layer = layerNormalization();
    const x = tf.randomUniform([2, 3], -1, 1, 'float32', 5);
    const mix = tf.tensor2d([
      [1, -2, 0.5],
      [3, -1, 2],
    ]);
    expectGradientMatchesFiniteDifference((v) => tf.mul(layer.apply(v), mix), x);
    tf.dispose([x, mix]);
  });

  it('round-trips its config and validates', () => {
    const config = layerNormalization({
      axis: [-2, -1],
      epsilon: 1e-6,
      betaInitializer: 'ones',
    }).getConfig();
    expect(config).toMatchObject({ axis: [-2, -1], epsilon: 1e-6, center: true, scale: true });
    expect(LayerNormalization.fromConfig(config).getConfig()).toEqual(config);
    expect(layerNormalization().getConfig().axis).toBe(-1);
    expect(() => layerNormalization({ axis: [1, 1] })).toThrow(
      'LayerNormalization: `axis` must be an integer or a list of distinct integers; received [1, 1]',
    );
    expect(() => layerNormalization({ epsilon: -1 })).toThrow(
      '`epsilon` must be a finite number > 0; received -1',
    );
    expect(() => layerNormalization({ axis: 0 }).build([null, 3])).toThrow(
      'the batch axis 0 cannot be normalized',
    );
    // Keras 3 configs carry `rms_scaling: false`; true is refused by name.
    expect(layerNormalization({ rmsScaling: false }).getConfig().rmsScaling).toBe(false);
    expect(() => layerNormalization({ rmsScaling: true })).toThrow(
      'LayerNormalization: `rmsScaling` must be false (RMS scaling is not supported: Keras versions compute it differently); received true',
    );
  });
});
