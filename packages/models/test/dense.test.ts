import { dense, dropout } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { type LayersModel, sequential } from '../src/index.js';
import * as e2e from './helpers.js';
import { ownedPerTest } from './owned.js';

const own = ownedPerTest();

/**
 * `n` points in `features` dimensions drawn uniformly from [-1, 1]; the class is the index of
 * the largest of `classes` fixed random projections (a piecewise-linear partition).
 */
function projections(seed: number, n: number, features: number, classes: number) {
  const random = tf.createRandom(seed);
  const w = Array.from({ length: classes * features }, () => random.nextNormal());
  const xs = new Float32Array(n * features);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < features; j++) xs[i * features + j] = random.next() * 2 - 1;
    for (let c = 0; c < classes; c++) {
      let score = 0;
      for (let j = 0; j < features; j++)
        score += (w[c * features + j] as number) * (xs[i * features + j] as number);
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    ys[i] = best;
  }
  return { x: own(tf.tensor2d(xs, [n, features])), y: own(tf.tensor1d(ys, 'float32')) };
}

function deepNet(name: string): LayersModel {
  return own(
    sequential({
      name,
      layers: [
        dense({ units: 16, inputShape: [10], activation: 'relu', kernelInitializer: 'heNormal' }),
        ...[1, 2, 3, 4].map(() =>
          dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal' }),
        ),
        dense({ units: 4, activation: 'softmax' }),
      ],
    }),
  );
}

describe('deep dense net (5 hidden relu layers, He init)', () => {
  it('trains below the loss threshold without leaking, and its summary counts the params', async () => {
    tf.setSeed(11);
    const m = deepNet('deep');
    // 10·16+16 = 176; four 16·16+16 = 272 → 1,088; 16·4+4 = 68; total 176 + 1,088 + 68 = 1,332.
    expect(e2e.summaryCounts(m)).toEqual({ total: 1332, trainable: 1332, nonTrainable: 0 });
    const { x, y } = projections(1, 256, 10, 4);
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const history = await e2e.fitSteadily(m, x, y, { epochs: 60, batchSize: 32 });
    const loss = history.history.loss as number[];
    // Chance level is ln 4 = 1.386.
    expect(loss[0]).toBeGreaterThan(1);
    expect(loss.at(-1)).toBeLessThan(0.35);
    const evaluated = await m.evaluate(x, y, { verbose: 0 });
    expect(evaluated.accuracy).toBeGreaterThan(0.9);
    await e2e.expectPortable(m, x);
  });

  it('a tfjs-layers model of the same architecture loads in ours with the same predictions', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.dense({
          units: 16,
          inputShape: [10],
          activation: 'relu',
          kernelInitializer: 'heNormal',
        }),
        ...[1, 2, 3, 4].map(() =>
          tfl.layers.dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal' }),
        ),
        tfl.layers.dense({ units: 4, activation: 'softmax' }),
      ],
    });
    expect(theirs.countParams()).toBe(1332);
    const { x } = projections(2, 8, 10, 4);
    await e2e.expectLoadsFromTfjsLayers(theirs, x);
  });
});

/** Binary labels from the sign of the first feature, one in four flipped: easy to memorize. */
function noisy(seed: number, n: number, features: number) {
  const random = tf.createRandom(seed);
  const xs = new Float32Array(n * features);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < features; j++) xs[i * features + j] = random.nextNormal();
    const clean = (xs[i * features] as number) > 0 ? 1 : 0;
    ys[i] = random.next() < 0.25 ? 1 - clean : clean;
  }
  return { x: own(tf.tensor2d(xs, [n, features])), y: own(tf.tensor2d(ys, [n, 1])) };
}

type Variant = 'none' | 'l1' | 'l2' | 'dropout';

function overfitter(variant: Variant): LayersModel {
  const regularizer =
    variant === 'l2'
      ? { className: 'L1L2', config: { l1: 0, l2: 0.01 } }
      : variant === 'l1'
        ? { className: 'L1L2', config: { l1: 0.003, l2: 0 } }
        : null;
  const hidden = () => dense({ units: 64, activation: 'relu', kernelRegularizer: regularizer });
  return own(
    sequential({
      name: `overfit_${variant}`,
      layers: [
        dense({ units: 64, inputShape: [12], activation: 'relu', kernelRegularizer: regularizer }),
        ...(variant === 'dropout' ? [dropout({ rate: 0.5 })] : []),
        hidden(),
        ...(variant === 'dropout' ? [dropout({ rate: 0.5 })] : []),
        dense({ units: 1, activation: 'sigmoid' }),
      ],
    }),
  );
}

describe('regularization on a tiny overfitting setup', () => {
  it('L1, L2 and dropout shrink the gap between validation and training loss', async () => {
    const train = noisy(3, 32, 12);
    const validation = noisy(4, 256, 12);
    const gaps: Record<string, number> = {};
    for (const variant of ['none', 'l1', 'l2', 'dropout'] as const) {
      tf.setSeed(21);
      const m = overfitter(variant);
      m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
      await e2e.fitSteadily(m, train.x, train.y, { epochs: 150, batchSize: 32 });
      // Both evaluations include the same weight penalty, so it cancels in the gap.
      const onTrain = await m.evaluate(train.x, train.y, { verbose: 0 });
      const onValidation = await m.evaluate(validation.x, validation.y, { verbose: 0 });
      gaps[variant] = (onValidation.loss as number) - (onTrain.loss as number);
    }
    // Measured: none 1.78; l1 0.99, l2 1.10, dropout 0.82.
    expect(gaps.none).toBeGreaterThan(0.5);
    for (const variant of ['l1', 'l2', 'dropout']) {
      expect(gaps[variant]).toBeLessThan((gaps.none as number) * 0.7);
    }
  });
});
