import * as tf from '@dendrite/tensor';
import { expectClose, expectMatchesTfjsLayer, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { input } from '../input-layer.js';
import { Dense, dense } from './dense.js';

describe('Dense', () => {
  it('computes activation(x·W + b) — hand-worked', async () => {
    const layer = dense({ units: 2, activation: 'relu' });
    layer.build([null, 3]);
    await expectNoLeak(() => {
      tf.tidy(() =>
        layer.setWeights([
          tf.tensor2d([
            [1, -1],
            [2, 0],
            [0, 3],
          ]),
          tf.tensor1d([0.5, -10]),
        ]),
      );
      // x = [1, 2, 3]: x·W = [1*1 + 2*2 + 3*0, 1*-1 + 2*0 + 3*3] = [5, 8]; + b = [5.5, -2]; relu → [5.5, 0]
      const x = tf.tensor2d([[1, 2, 3]]);
      const y = layer.apply(x);
      expectClose(y, [[5.5, 0]]);
      return [x, y];
    });
    layer.dispose();
  });

  it('matches tfjs-layers with copied weights, on rank-3 inputs too', () => {
    tf.setSeed(3);
    const ours = dense({ units: 4, activation: 'tanh' });
    const theirs = tfl.layers.dense({ units: 4, activation: 'tanh' });
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1);
    expectMatchesTfjsLayer(ours, theirs, x, { atol: 1e-6 });
    expect(ours.computeOutputShape([null, 5, 3])).toEqual([null, 5, 4]);
    x.dispose();
    ours.dispose();
    theirs.dispose();
  });

  it('uses Keras defaults: glorotUniform kernel within ±sqrt(6/(in+out)), zero bias', () => {
    tf.setSeed(11);
    const layer = new Dense({ units: 50 });
    layer.build([null, 150]);
    const [kernel, bias] = layer.getWeights() as [tf.Tensor, tf.Tensor];
    const limit = Math.sqrt(6 / (150 + 50)); // 0.1732
    const values = Array.from(kernel.dataSync() as Float32Array);
    expect(Math.max(...values)).toBeLessThanOrEqual(limit);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-limit);
    // Uniform(-a, a) has variance a²/3 = 0.01; 7500 draws give a standard error of ~1.6e-4.
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(variance - limit ** 2 / 3)).toBeLessThan(1e-3);
    expect(Array.from(bias.dataSync()).every((v) => v === 0)).toBe(true);
    tf.dispose([kernel, bias]);
    layer.dispose();
  });

  it('gives symbolic output shapes and counts parameters', () => {
    const x = input({ shape: [784] });
    const layer = dense({ units: 100 });
    const y = layer.apply(x);
    expect(y.shape).toEqual([null, 100]);
    expect(layer.countParams()).toBe(784 * 100 + 100);
    layer.dispose();
  });

  it('round-trips its config', () => {
    const layer = dense({
      units: 3,
      activation: 'softmax',
      useBias: false,
      kernelRegularizer: 'l2',
      name: 'out',
    });
    const config = layer.getConfig();
    expect(Dense.fromConfig(config).getConfig()).toEqual(config);
    expect(config).toMatchObject({ units: 3, activation: 'softmax', useBias: false, name: 'out' });
  });

  it('rejects bad units and mismatched inputs', () => {
    expect(() => dense({ units: -3 })).toThrow(
      'Dense: `units` must be a positive integer; received -3',
    );
    expect(() => dense({ units: 1.5 })).toThrow('received 1.5');
    const layer = dense({ units: 2 });
    layer.build([null, 3]);
    const x = tf.ones([1, 4]);
    expect(() => layer.apply(x)).toThrow(
      /expected inputs with last dimension 3; received shape \[1,4\]/,
    );
    x.dispose();
    layer.dispose();
  });

  it('adds its kernel penalty to the regularization loss: l2 = 0.01 * sum(w²)', () => {
    const layer = dense({ units: 1, kernelRegularizer: 'l2' });
    layer.build([null, 2]);
    layer.setWeights([tf.tensor2d([[3], [4]]), tf.tensor1d([7])]);
    const penalty = layer.regularizationLoss() as tf.Scalar;
    expectClose(penalty, 0.01 * (9 + 16)); // bias is not regularized
    penalty.dispose();
    layer.dispose();
  });
});
