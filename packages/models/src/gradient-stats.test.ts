import { dense, dropout } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../test/owned.js';
import { computeGradientStats } from './gradient-stats.js';
import type { LayersModel } from './layers-model.js';
import { sequential } from './sequential.js';

const own = ownedPerTest();

type Matrix = number[][];
const X: Matrix = [
  [0.5, -1.0],
  [1.5, 0.25],
  [-0.75, 2.0],
  [0.1, -0.3],
];
const LABELS = [0, 2, 1, 2];
const W1: Matrix = [
  [0.3, -0.6, 0.9],
  [-1.2, 0.4, 0.2],
];
const B1 = [0.1, -0.2, 0.05];
const W2: Matrix = [
  [0.7, -0.3, 0.2],
  [-0.5, 0.8, 0.1],
  [0.25, 0.6, -0.9],
];
const B2 = [0.0, 0.1, -0.1];

/** Norm, mean and population std of the entries, in float64. */
function summarize(values: readonly number[]) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  return { norm: Math.sqrt(values.reduce((a, b) => a + b * b, 0)), mean, std: Math.sqrt(variance) };
}

function softmaxRow(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function affine(x: Matrix, w: Matrix, b: readonly number[]): Matrix {
  return x.map((row) =>
    b.map((bias, j) => row.reduce((acc, v, k) => acc + v * (w[k]?.[j] as number), bias)),
  );
}

/** Float64 reference loss of Dense(3, sigmoid) → Dense(3, softmax) with sparse crossentropy. */
function twoLayerLoss(w1: Matrix, b1: number[], w2: Matrix, b2: number[], weights?: number[]) {
  const h = affine(X, w1, b1).map((row) => row.map((v) => 1 / (1 + Math.exp(-v))));
  const p = affine(h, w2, b2).map(softmaxRow);
  const terms = p.map(
    (row, i) => -Math.log(row[LABELS[i] as number] as number) * (weights?.[i] ?? 1),
  );
  // Keras' sum_over_batch_size: sum of weighted losses over the number of samples.
  return terms.reduce((a, b) => a + b, 0) / X.length;
}

/** Central finite differences of `loss` with respect to every entry of `param`. */
function finiteDifference(param: number[] | Matrix, loss: () => number, eps = 1e-5): number[] {
  const grads: number[] = [];
  const rows: number[][] = Array.isArray(param[0]) ? (param as Matrix) : [param as number[]];
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      const keep = row[j] as number;
      row[j] = keep + eps;
      const plus = loss();
      row[j] = keep - eps;
      const minus = loss();
      row[j] = keep;
      grads.push((plus - minus) / (2 * eps));
    }
  }
  return grads;
}

function twoLayerModel(withDropout = false): LayersModel {
  const m = own(
    sequential({
      layers: [
        dense({ units: 3, inputShape: [2], activation: 'sigmoid', name: 'hidden' }),
        ...(withDropout ? [dropout({ rate: 0.5, seed: 1 })] : []),
        dense({ units: 3, activation: 'softmax', name: 'out' }),
      ],
    }),
  );
  const values = [tf.tensor2d(W1), tf.tensor1d(B1), tf.tensor2d(W2), tf.tensor1d(B2)];
  m.setWeights(values);
  tf.dispose(values);
  m.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
  return m;
}

describe('computeGradientStats', () => {
  it('matches the hand-derived gradient of a softmax layer: dW = Xᵀ(P − Y)/n, db = mean(P − Y)', async () => {
    const m = own(
      sequential({
        layers: [dense({ units: 3, inputShape: [2], activation: 'softmax', name: 'probs' })],
      }),
    );
    const values = [tf.tensor2d(W1), tf.tensor1d(B2)];
    m.setWeights(values);
    tf.dispose(values);
    m.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    const x = own(tf.tensor2d(X));
    const y = own(tf.tensor1d(LABELS));
    const stats = await computeGradientStats(m, x, y);

    const delta = affine(X, W1, B2)
      .map(softmaxRow)
      .map((row, i) => row.map((p, c) => p - (c === LABELS[i] ? 1 : 0)));
    const dW = W1.flatMap((_, k) =>
      B2.map(
        (_, j) =>
          X.reduce((acc, row, i) => acc + (row[k] as number) * (delta[i]?.[j] as number), 0) /
          X.length,
      ),
    );
    const db = B2.map((_, j) => delta.reduce((acc, row) => acc + (row[j] as number), 0) / X.length);
    expect(stats.map((s) => [s.layerName, s.weightName, s.size])).toEqual([
      ['probs', 'kernel', 6],
      ['probs', 'bias', 3],
    ]);
    const [kernel, bias] = stats;
    const refKernel = summarize(dW);
    const refBias = summarize(db);
    expectClose(
      [kernel!.norm, kernel!.mean, kernel!.std],
      [refKernel.norm, refKernel.mean, refKernel.std],
      { rtol: 1e-5, atol: 1e-7 },
    );
    expectClose([bias!.norm, bias!.mean, bias!.std], [refBias.norm, refBias.mean, refBias.std], {
      rtol: 1e-5,
      atol: 1e-7,
    });
    // Softmax probabilities sum to one, so the bias gradient sums to zero: its mean is 0.
    expect(Math.abs(bias!.mean)).toBeLessThan(1e-7);
  });

  it('matches float64 finite differences of a two-layer sigmoid network, with sample weights', async () => {
    const m = twoLayerModel();
    const sampleWeights = [1, 0.5, 2, 0];
    const x = own(tf.tensor2d(X));
    const y = own(tf.tensor1d(LABELS));
    const sw = own(tf.tensor1d(sampleWeights));
    const stats = await computeGradientStats(m, x, y, { sampleWeight: sw });
    const w1 = W1.map((r) => [...r]);
    const b1 = [...B1];
    const w2 = W2.map((r) => [...r]);
    const b2 = [...B2];
    const loss = () => twoLayerLoss(w1, b1, w2, b2, sampleWeights);
    const references = [w1, b1, w2, b2].map((param) => summarize(finiteDifference(param, loss)));
    expect(stats.map((s) => `${s.layerName}/${s.weightName}`)).toEqual([
      'hidden/kernel',
      'hidden/bias',
      'out/kernel',
      'out/bias',
    ]);
    stats.forEach((s, i) => {
      const ref = references[i]!;
      expectClose([s.norm, s.mean, s.std], [ref.norm, ref.mean, ref.std], {
        rtol: 1e-4,
        atol: 1e-6,
        label: `${s.layerName}/${s.weightName}`,
      });
    });
  });

  it('updates nothing: weights and optimizer iterations stay as they were', async () => {
    const m = twoLayerModel();
    const x = own(tf.tensor2d(X));
    const y = own(tf.tensor1d(LABELS));
    const before = m.getWeights();
    await computeGradientStats(m, x, y);
    const after = m.getWeights();
    for (const [i, w] of before.entries()) {
      expectClose(after[i] as tf.Tensor, w, { rtol: 0, atol: 0 });
    }
    expect(m.optimizer?.iterations).toBe(0);
    tf.dispose([...before, ...after]);
  });

  it('runs dropout only with training: true (the default)', async () => {
    const plain = twoLayerModel();
    const withDropout = twoLayerModel(true);
    const x = own(tf.tensor2d(X));
    const y = own(tf.tensor1d(LABELS));
    const reference = await computeGradientStats(plain, x, y);
    const inference = await computeGradientStats(withDropout, x, y, { training: false });
    expectClose(
      inference.map((s) => s.norm),
      reference.map((s) => s.norm),
      { rtol: 1e-6 },
    );
    const training = await computeGradientStats(withDropout, x, y);
    // Dropping half the hidden units changes the gradient of the first layer's kernel.
    expect(
      Math.abs((training[0]?.norm as number) - (reference[0]?.norm as number)),
    ).toBeGreaterThan(1e-4);
  });

  it('leaks no tensors', async () => {
    const m = twoLayerModel();
    const x = own(tf.tensor2d(X));
    const y = own(tf.tensor1d(LABELS));
    await expectNoLeak(() => computeGradientStats(m, x, y));
  });

  it('explains bad calls', async () => {
    const uncompiled = own(sequential({ layers: [dense({ units: 2, inputShape: [2] })] }));
    const m = twoLayerModel();
    const x = own(tf.tensor2d(X));
    const y = own(tf.tensor1d(LABELS));
    await expect(computeGradientStats(uncompiled, x, y)).rejects.toThrow(
      'the model must be compiled first',
    );
    await expect(computeGradientStats(m, [x, x], y)).rejects.toThrow(
      /computeGradientStats: `x` must be 1 input tensor\(s\); received 2/,
    );
    const short = own(tf.tensor1d([0, 1]));
    await expect(computeGradientStats(m, x, short)).rejects.toThrow(
      '`y` has shape [2] but `x` has 4',
    );
  });
});
