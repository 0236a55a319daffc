import { Callback, type Logs } from '@dendrite/callbacks';
import { conv2d, dense, flatten, input } from '@dendrite/layers';
import * as optimizers from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import { model } from '../layers-model.js';
import { sequential } from '../sequential.js';

const own = ownedPerTest();

/** Ten samples of four features, deterministic. */
function data() {
  const rows = Array.from({ length: 10 }, (_, i) => [
    i / 10,
    Math.sin(i),
    Math.cos(i * 0.7),
    (i % 3) - 1,
  ]);
  const labels = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0];
  return {
    x: own(tf.tensor2d(rows)),
    sparse: own(tf.tensor1d(labels)),
    oneHot: own(tf.tensor2d(labels.map((c) => (c === 0 ? [1, 0] : [0, 1])))),
  };
}

async function twin(
  makeOptimizers: () => [optimizers.Optimizer, tf.Optimizer],
  loss: 'categoricalCrossentropy' | 'meanSquaredError',
) {
  const { x, oneHot } = data();
  const theirs = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 3, inputShape: [4], activation: 'tanh' }),
      tfl.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  const ours = own(
    sequential({
      layers: [
        dense({ units: 3, inputShape: [4], activation: 'tanh' }),
        dense({ units: 2, activation: 'softmax' }),
      ],
    }),
  );
  // tfjs-layers returns its live variables: copy them.
  const start = theirs.getWeights().map((w) => w.clone());
  ours.setWeights(start);
  const [ourOptimizer, theirOptimizer] = makeOptimizers();
  own(ourOptimizer);
  ours.compile({ optimizer: ourOptimizer, loss });
  theirs.compile({ optimizer: theirOptimizer, loss });
  await ours.fit(x, oneHot, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
  await theirs.fit(x, oneHot, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
  const a = ours.getWeights();
  const b = theirs.getWeights();
  a.forEach((w, i) => {
    expectClose(w, b[i] as tf.Tensor, { atol: 1e-4, rtol: 0, label: `weight ${i}` });
  });
  // The weights moved: the comparison is not between untouched copies.
  expect(
    Math.abs(
      (a[0] as tf.Tensor)
        .sub(start[0] as tf.Tensor)
        .abs()
        .max()
        .dataSync()[0] as number,
    ),
  ).toBeGreaterThan(1e-3);
  tf.dispose([...a, ...start]);
  theirs.dispose();
  theirOptimizer.dispose();
}

// Keras adds epsilon to sqrt(v) after folding the bias corrections into the step size; tfjs-core
// adds it to the bias-corrected sqrt(v). The two agree when epsilon is negligible, so the Adam
// twins use epsilon 1e-12 (with the default 1e-7, gradients near 1e-7 update differently).
describe('fit matches tfjs-layers', () => {
  it('SGD, softmax + categorical crossentropy (fused logits path)', async () => {
    await twin(
      () => [optimizers.sgd({ learningRate: 0.5 }), tf.train.sgd(0.5)],
      'categoricalCrossentropy',
    );
  });

  it('Adam, mean squared error', async () => {
    await twin(
      () => [
        optimizers.adam({ learningRate: 0.05, epsilon: 1e-12 }),
        tf.train.adam(0.05, 0.9, 0.999, 1e-12),
      ],
      'meanSquaredError',
    );
  });

  it('Adam, categorical crossentropy', async () => {
    await twin(
      () => [
        optimizers.adam({ learningRate: 0.05, epsilon: 1e-12 }),
        tf.train.adam(0.05, 0.9, 0.999, 1e-12),
      ],
      'categoricalCrossentropy',
    );
  });
});

function blobs(n: number) {
  const random = tf.createRandom(7);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    rows.push([c * 3 - 1.5 + random.nextNormal() * 0.5, c * 2 - 1 + random.nextNormal() * 0.5]);
    labels.push(c);
  }
  return { x: own(tf.tensor2d(rows)), y: own(tf.tensor1d(labels)) };
}

describe('fit', () => {
  it('learns two blobs to a low loss (seeded)', async () => {
    tf.setSeed(3);
    const { x, y } = blobs(64);
    const m = own(
      sequential({
        layers: [
          dense({ units: 8, inputShape: [2], activation: 'relu' }),
          dense({ units: 2, activation: 'softmax' }),
        ],
      }),
    );
    m.compile({
      optimizer: { className: 'Adam', config: { learningRate: 0.05 } },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const history = await m.fit(x, y, { epochs: 30, batchSize: 16, verbose: 0 });
    expect(history.epoch).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(history.history.loss?.at(-1)).toBeLessThan(0.1);
    expect(history.history.accuracy?.at(-1)).toBe(1);
    const logs = await m.evaluate(x, y, { verbose: 0 });
    expect(Object.keys(logs)).toEqual(['loss', 'accuracy']);
    expect(logs.loss).toBeLessThan(0.1);
  });

  it('reports the Keras crossentropy of the softmax outputs (fused path), to 1e-5', async () => {
    const { x, sparse } = data();
    const m = own(
      sequential({ layers: [dense({ units: 3, inputShape: [4], activation: 'softmax' })] }),
    );
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const probabilities = (m.predict(x) as tf.Tensor).arraySync() as number[][];
    const labels = sparse.arraySync() as number[];
    // Keras: mean over samples of -ln p[label], probabilities clipped to [1e-7, 1 - 1e-7].
    const expected =
      labels.reduce(
        (sum, c, i) => sum - Math.log(Math.min(Math.max(probabilities[i]![c]!, 1e-7), 1 - 1e-7)),
        0,
      ) / labels.length;
    const logs = await m.evaluate(x, sparse, { batchSize: 3, verbose: 0 });
    expect(logs.loss).toBeCloseTo(expected, 5);
  });

  it('clips a vanishing softmax probability at 1e-7 as Keras does (fused path)', async () => {
    // Logits [0, 30] for label 0: p = e^-30 / (1 + e^-30) ≈ 9.4e-14, clipped to 1e-7, so the
    // loss is -ln(1e-7) = 16.118, not the unclipped 30.
    const m = own(
      sequential({
        layers: [
          dense({
            units: 2,
            inputShape: [1],
            activation: 'softmax',
            useBias: false,
            kernelInitializer: { className: 'Constant', config: { value: 0 } },
          }),
        ],
      }),
    );
    m.layers[0]?.setWeights([own(tf.tensor2d([[0, 30]]))]);
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const logs = await m.evaluate(own(tf.tensor2d([[1]])), own(tf.tensor1d([0])), { verbose: 0 });
    expect(logs.loss).toBeCloseTo(-Math.log(1e-7), 4);
  });

  it('weights losses by sampleWeight and classWeight, dividing by the sample count', async () => {
    const x = own(tf.tensor2d([[1], [2], [3], [4]]));
    const y = own(tf.tensor2d([[0], [0], [1], [1]]));
    const m = own(
      sequential({ layers: [dense({ units: 1, inputShape: [1], kernelInitializer: 'ones' })] }),
    );
    m.compile({ optimizer: optimizers.sgd({ learningRate: 0 }), loss: 'mse' });
    // predictions 1..4; squared errors [1, 4, 4, 9]
    const sampleWeight = own(tf.tensor1d([1, 0, 2, 0.5]));
    const weighted = await m.evaluate(x, y, { sampleWeight, verbose: 0 });
    // (1*1 + 0*4 + 2*4 + 0.5*9) / 4 = 13.5 / 4
    expect(weighted.loss).toBeCloseTo(13.5 / 4, 5);
    const history = await m.fit(x, y, {
      classWeight: { 0: 2, 1: 0.5 },
      batchSize: 3,
      shuffle: false,
      verbose: 0,
    });
    // class 0 (rounded label 0) × 2, class 1 × 0.5: (2 + 8 + 2 + 4.5) / 4 = 16.5 / 4
    expectClose(history.history.loss as number[], [16.5 / 4]);
    (m.optimizer as optimizers.Optimizer).dispose();
  });

  it('adds regularization penalties to the loss', async () => {
    const x = own(tf.tensor2d([[1, 1]]));
    const y = own(tf.tensor2d([[0]]));
    const m = own(
      sequential({
        layers: [
          dense({ units: 1, inputShape: [2], kernelInitializer: 'ones', kernelRegularizer: 'l2' }),
        ],
      }),
    );
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const logs = await m.evaluate(x, y, { verbose: 0 });
    // prediction 2 → mse 4; l2 default 0.01 × (1² + 1²) = 0.02
    expect(logs.loss).toBeCloseTo(4.02, 5);
  });

  it('holds out the last samples for validationSplit, before shuffling', async () => {
    const x = own(tf.tensor2d([[1], [2], [3], [4]]));
    const y = own(tf.tensor2d([[0], [0], [0], [0]]));
    const m = own(
      sequential({ layers: [dense({ units: 1, inputShape: [1], kernelInitializer: 'ones' })] }),
    );
    m.compile({ optimizer: optimizers.sgd({ learningRate: 0 }), loss: 'mse' });
    const history = await m.fit(x, y, { validationSplit: 0.25, epochs: 2, verbose: 0 });
    // train on 1, 2, 3: (1 + 4 + 9) / 3; validate on 4: 16
    expectClose(history.history.loss as number[], [14 / 3, 14 / 3]);
    expectClose(history.history.val_loss as number[], [16, 16]);
    (m.optimizer as optimizers.Optimizer).dispose();
  });

  it('trains several outputs with loss weights and logs each output', async () => {
    const a = input({ shape: [1] });
    const first = dense({ name: 'first', units: 1, kernelInitializer: 'ones' });
    const second = dense({ name: 'second', units: 1, kernelInitializer: 'ones' });
    const m = own(model({ inputs: a, outputs: [first.apply(a), second.apply(a)] }));
    m.compile({
      optimizer: optimizers.sgd({ learningRate: 0 }),
      loss: ['mse', 'mae'],
      lossWeights: [1, 0.5],
    });
    const x = own(tf.tensor2d([[2], [4]]));
    const logs = await m.evaluate(x, [own(tf.tensor2d([[0], [0]])), own(tf.tensor2d([[1], [1]]))], {
      verbose: 0,
    });
    // first: (4 + 16) / 2 = 10; second: (1 + 3) / 2 = 2; total 10 + 0.5 × 2 = 11
    expect(logs).toEqual({
      loss: expect.closeTo(11, 5),
      first_loss: expect.closeTo(10, 5),
      second_loss: expect.closeTo(2, 5),
    });
    (m.optimizer as optimizers.Optimizer).dispose();
  });
});

class Recorder extends Callback {
  counts: number[] = [];
  batches: (Logs | undefined)[] = [];
  constructor(
    every = 0,
    private readonly stopAt?: number,
    private readonly throwAt?: number,
  ) {
    super();
    this.batchLogsEvery = every;
  }
  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.batches.push(logs);
    if (batch === this.stopAt && this.model) this.model.stopTraining = true;
  }
  override onEpochEnd(epoch: number): void {
    this.counts.push(tf.memory().numTensors);
    if (epoch === this.throwAt) throw new Error('callback failed');
  }
}

describe('fit: memory, callbacks and stopping', () => {
  it('keeps the tensor count constant epoch over epoch, and after a throwing callback', async () => {
    const { x, y: sparse } = blobs(40);
    const m = own(
      sequential({
        layers: [
          dense({ units: 4, inputShape: [2], activation: 'relu' }),
          dense({ units: 2, activation: 'softmax' }),
        ],
      }),
    );
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const recorder = new Recorder();
    await m.fit(x, sparse as tf.Tensor, {
      epochs: 4,
      batchSize: 8,
      verbose: 0,
      callbacks: [recorder],
      validationSplit: 0.2,
    });
    expect(new Set(recorder.counts).size).toBe(1);
    const before = tf.memory().numTensors;
    await expect(
      m.fit(x, sparse as tf.Tensor, {
        epochs: 3,
        verbose: 0,
        callbacks: [new Recorder(0, undefined, 1)],
      }),
    ).rejects.toThrow('callback failed');
    expect(tf.memory().numTensors).toBe(before);
    await m.evaluate(x, sparse as tf.Tensor, { verbose: 0 });
    (m.predict(x) as tf.Tensor).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('computes batch logs only every N batches and stops when a callback asks', async () => {
    const { x, y } = blobs(40);
    const m = own(
      sequential({ layers: [dense({ units: 2, inputShape: [2], activation: 'softmax' })] }),
    );
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const recorder = new Recorder(2, 2);
    const history = await m.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0, callbacks: recorder });
    // Stopped after batch 2 of epoch 0: batches 0, 1, 2 ran; logs on the 2nd (index 1) only.
    expect(recorder.batches.map((l) => l !== undefined)).toEqual([false, true, false]);
    expect(Object.keys(recorder.batches[1] as Logs)).toEqual(['loss']);
    expect(history.epoch).toEqual([0]);
  });
});

describe('fit backward pass', () => {
  it('leaves out the input gradient of a Dense layer fed straight from the batch', async () => {
    const m = own(
      sequential({
        layers: [dense({ units: 5, inputShape: [4], activation: 'relu' }), dense({ units: 3 })],
      }),
    );
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = own(tf.ones([6, 4]));
    const y = own(tf.zeros([6, 3]));
    await m.trainOnBatch(x, y);
    const profile = await tf.profile(() => m.trainOnBatch(x, y));
    // Forward: one product per layer. Backward: dW for both layers, dx only for the second
    // (the first layer's input is the batch). Five products in all, not six.
    const products = profile.kernels.filter((k) =>
      ['BatchMatMul', '_FusedMatMul', 'DendriteMatMul'].includes(k.name),
    );
    expect(products.length).toBe(5);
  });

  it('leaves out the input gradient of a Conv2D layer fed straight from the batch', async () => {
    const m = own(
      sequential({
        layers: [
          conv2d({ filters: 2, kernelSize: 3, inputShape: [6, 6, 1], activation: 'relu' }),
          conv2d({ filters: 2, kernelSize: 3 }),
          flatten(),
          dense({ units: 2 }),
        ],
      }),
    );
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = own(tf.ones([3, 6, 6, 1]));
    const y = own(tf.zeros([3, 2]));
    await m.trainOnBatch(x, y);
    const profile = await tf.profile(() => m.trainOnBatch(x, y));
    // Only the second convolution passes a gradient down to its input.
    const names = profile.kernels.map((k) => k.name);
    expect(names.filter((n) => n === 'Conv2DBackpropInput')).toHaveLength(1);
  });

  it('still leaves it out when a Flatten sits between the batch and the first Dense', async () => {
    const m = own(
      sequential({
        layers: [
          flatten({ inputShape: [2, 3] }),
          dense({ units: 4, activation: 'relu' }),
          dense({ units: 2 }),
        ],
      }),
    );
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = own(tf.ones([5, 2, 3]));
    const y = own(tf.zeros([5, 2]));
    await m.trainOnBatch(x, y);
    const profile = await tf.profile(() => m.trainOnBatch(x, y));
    const products = profile.kernels.filter((k) =>
      ['BatchMatMul', '_FusedMatMul', 'DendriteMatMul'].includes(k.name),
    );
    expect(products.length).toBe(5);
  });
});
