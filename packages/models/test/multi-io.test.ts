import { add, concatenate, dense, input, type SymbolicTensor } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { type LayersModel, model } from '../src/index.js';
import * as e2e from './helpers.js';
import { ownedPerTest } from './owned.js';

const own = ownedPerTest();

/**
 * Two inputs, `a` (4 features) and `b` (3 features), uniform in [-1, 1]. Targets: the class
 * is the largest of (a0 + b0, a1 + b1, a2 + b2), and the value is sum(a) − 2·sum(b) / 3.
 */
function twoTasks(seed: number, n: number) {
  const random = tf.createRandom(seed);
  const a = new Float32Array(n * 4);
  const b = new Float32Array(n * 3);
  const cls = new Float32Array(n);
  const value = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 4; j++) a[i * 4 + j] = random.next() * 2 - 1;
    for (let j = 0; j < 3; j++) b[i * 3 + j] = random.next() * 2 - 1;
    const scores = [0, 1, 2].map((j) => (a[i * 4 + j] as number) + (b[i * 3 + j] as number));
    cls[i] = scores.indexOf(Math.max(...scores));
    let v = 0;
    for (let j = 0; j < 4; j++) v += a[i * 4 + j] as number;
    for (let j = 0; j < 3; j++) v -= (2 * (b[i * 3 + j] as number)) / 3;
    value[i] = v;
  }
  return {
    x: [own(tf.tensor2d(a, [n, 4])), own(tf.tensor2d(b, [n, 3]))],
    y: [own(tf.tensor1d(cls)), own(tf.tensor2d(value, [n, 1]))],
  };
}

function twoHeaded(): LayersModel {
  const a = input({ shape: [4], name: 'a' });
  const b = input({ shape: [3], name: 'b' });
  const ha = dense({ name: 'from_a', units: 8, activation: 'relu' }).apply(a) as SymbolicTensor;
  const hb = dense({ name: 'from_b', units: 8, activation: 'relu' }).apply(b) as SymbolicTensor;
  const sum = add({ name: 'sum' }).apply([ha, hb]) as SymbolicTensor;
  const joined = concatenate({ name: 'joined' }).apply([sum, b]) as SymbolicTensor;
  const cls = dense({ name: 'cls', units: 3, activation: 'softmax' }).apply(
    joined,
  ) as SymbolicTensor;
  const value = dense({ name: 'value', units: 1 }).apply(sum) as SymbolicTensor;
  return own(model({ name: 'two_heads', inputs: [a, b], outputs: [cls, value] }));
}

describe('functional model with two inputs, two outputs, add and concatenate', () => {
  it('trains both heads, logs per-output losses, keeps its tensor count and round-trips', async () => {
    tf.setSeed(37);
    const m = twoHeaded();
    // from_a 4·8 + 8 = 40; from_b 3·8 + 8 = 32; add and concatenate none; cls on 8 + 3 = 11
    // features 11·3 + 3 = 36; value 8·1 + 1 = 9; total 40 + 32 + 36 + 9 = 117.
    expect(e2e.summaryCounts(m)).toEqual({ total: 117, trainable: 117, nonTrainable: 0 });
    const train = twoTasks(1, 256);
    const test = twoTasks(2, 128);
    m.compile({
      optimizer: { className: 'Adam', config: { learningRate: 0.01 } },
      loss: { cls: 'sparseCategoricalCrossentropy', value: 'mse' },
      metrics: { cls: ['accuracy'] },
    });
    const history = await e2e.fitSteadily(m, train.x, train.y, { epochs: 30, batchSize: 32 });
    expect(Object.keys(history.history).sort()).toEqual([
      'cls_accuracy',
      'cls_loss',
      'loss',
      'value_loss',
    ]);
    const result = await m.evaluate(test.x, test.y, { verbose: 0 });
    // The total is the sum of the per-output losses (weights 1).
    expect(result.loss).toBeCloseTo((result.cls_loss as number) + (result.value_loss as number), 5);
    expect(result.cls_accuracy).toBeGreaterThan(0.85);
    expect(result.value_loss).toBeLessThan(0.05);
    await e2e.expectPortable(m, test.x);
  });

  it('a tfjs-layers model of the same graph loads in ours', async () => {
    const a = tfl.input({ shape: [4], name: 'a' });
    const b = tfl.input({ shape: [3], name: 'b' });
    const ha = tfl.layers.dense({ units: 8, activation: 'relu' }).apply(a) as tfl.SymbolicTensor;
    const hb = tfl.layers.dense({ units: 8, activation: 'relu' }).apply(b) as tfl.SymbolicTensor;
    const sum = tfl.layers.add().apply([ha, hb]) as tfl.SymbolicTensor;
    const joined = tfl.layers.concatenate().apply([sum, b]) as tfl.SymbolicTensor;
    const theirs = tfl.model({
      inputs: [a, b],
      outputs: [
        tfl.layers.dense({ units: 3, activation: 'softmax' }).apply(joined) as tfl.SymbolicTensor,
        tfl.layers.dense({ units: 1 }).apply(sum) as tfl.SymbolicTensor,
      ],
    });
    expect(theirs.countParams()).toBe(117);
    await e2e.expectLoadsFromTfjsLayers(theirs, twoTasks(3, 4).x);
  });
});
