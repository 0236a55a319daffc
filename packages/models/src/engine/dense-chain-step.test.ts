import { dense, dropout, flatten, type Layer } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { sequential } from '../sequential.js';

const FEATURES = 12;
const CLASSES = 4;

/** The book's model in small: [Flatten] → Dense relu → Dropout → Dense softmax. */
const bookLayers = (images = false): Layer[] => [
  ...(images ? [flatten({ inputShape: [3, FEATURES / 3] })] : []),
  dense({ units: 16, ...(images ? {} : { inputShape: [FEATURES] }), activation: 'relu' }),
  dropout({ rate: 0.25 }),
  dense({ units: CLASSES, activation: 'softmax' }),
];

interface Run {
  readonly losses: number[];
  readonly accuracies: number[];
  readonly weights: number[][];
  /** How many times the step ran `DendriteDenseChainGrad`. */
  readonly chainSteps: number;
  /** How many times the optimizer ran `DendriteAdamUpdate` through the engine. */
  readonly adamUpdates: number;
}

/** A seeded 2-epoch fit with shuffling, a validation split and the accuracy metric. */
async function train(
  layers: Layer[],
  sparse: boolean,
  images = false,
  optimizer: tf.SerializedObject | string = 'adam',
): Promise<Run> {
  tf.setSeed(5);
  const random = tf.createRandom(17);
  const rows = Array.from({ length: 96 }, () =>
    Array.from({ length: FEATURES }, () => random.nextNormal()),
  );
  const classes = rows.map((r) => ((r[0] as number) > 0 ? 2 : 0) + ((r[1] as number) > 0 ? 1 : 0));
  const x = tf.tensor(
    rows.flat(),
    images ? [rows.length, 3, FEATURES / 3] : [rows.length, FEATURES],
  );
  const y = sparse
    ? tf.tensor1d(classes)
    : tf.tidy(() => tf.oneHot(classes, CLASSES).cast('float32'));
  const model = sequential({ layers });
  model.compile({
    optimizer,
    loss: sparse ? 'sparseCategoricalCrossentropy' : 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const runKernel = vi.spyOn(tf.engine(), 'runKernel');
  const history = await model.fit(x, y, {
    epochs: 2,
    batchSize: 16,
    validationSplit: 0.25,
    verbose: 0,
  });
  const calls = (kernel: string) => runKernel.mock.calls.filter(([name]) => name === kernel).length;
  const [chainSteps, adamUpdates] = [
    calls(tf.DendriteDenseChainGrad),
    calls(tf.DendriteAdamUpdate),
  ];
  runKernel.mockRestore();
  const weights = model.getWeights();
  const run: Run = {
    losses: [...(history.history.loss as number[]), ...(history.history.val_loss as number[])],
    accuracies: history.history.accuracy as number[],
    weights: weights.map((w) => Array.from(w.dataSync())),
    chainSteps,
    adamUpdates,
  };
  tf.dispose([x, y, ...weights]);
  model.dispose();
  return run;
}

/** The same fit with the backend's `DendriteDenseChainGrad` unregistered: the per-layer path. */
async function trainPerLayer(
  layers: Layer[],
  sparse: boolean,
  images: boolean,
  optimizer: tf.SerializedObject | string = 'adam',
): Promise<Run> {
  const backend = tf.getBackend();
  const kernel = tf.getKernel(tf.DendriteDenseChainGrad, backend) as tf.KernelConfig;
  tf.unregisterKernel(tf.DendriteDenseChainGrad, backend);
  try {
    return await train(layers, sparse, images, optimizer);
  } finally {
    tf.registerKernel(kernel);
  }
}

describe.each(['cpu', 'wasm'])('the Dense chain step on %s', (backend) => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await tf.useBackend('cpu', { log: false });
  });

  it.each([
    ['one-hot labels', false, false],
    ['sparse labels', true, false],
    ['images flattened first', false, true],
  ])(
    'trains a Dense/Dropout chain in one kernel per step, to the per-layer numbers (%s)',
    async (_, sparse, images) => {
      await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
      tf.registerDendriteKernels();
      const before = tf.memory().numTensors;
      const chained = await train(bookLayers(images), sparse, images);
      const perLayer = await trainPerLayer(bookLayers(images), sparse, images);
      expect(tf.memory().numTensors).toBe(before);
      // 72 training samples at batch 16: 5 steps per epoch.
      expect(chained.chainSteps).toBe(10);
      expect(perLayer.chainSteps).toBe(0);
      // Adam ran inside the chain kernel: four weights a step otherwise.
      expect(chained.adamUpdates).toBe(0);
      expect(perLayer.adamUpdates).toBe(40);
      expect(chained.losses).toEqual(perLayer.losses);
      expect(chained.accuracies).toEqual(perLayer.accuracies);
      expect(chained.weights).toEqual(perLayer.weights);
      expect(chained.losses.every(Number.isFinite)).toBe(true);
    },
  );

  it.each([
    ['SGD with momentum', { className: 'SGD', config: { learningRate: 0.05, momentum: 0.9 } }],
    ['Adam with a clipped norm', { className: 'Adam', config: { clipNorm: 0.5 } }],
    ['AMSGrad', { className: 'Adam', config: { amsgrad: true } }],
    ['AdamW', { className: 'AdamW', config: {} }],
  ])('applies the chain’s gradients with %s, to the per-layer numbers', async (_, optimizer) => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const chained = await train(bookLayers(), false, false, optimizer);
    const perLayer = await trainPerLayer(bookLayers(), false, false, optimizer);
    expect(chained.chainSteps).toBe(10);
    expect(chained.losses).toEqual(perLayer.losses);
    expect(chained.weights).toEqual(perLayer.weights);
    expect(chained.losses.every(Number.isFinite)).toBe(true);
  });

  it.each([
    [
      'a regularized kernel',
      () => dense({ units: 16, inputShape: [FEATURES], kernelRegularizer: 'l2' }),
    ],
    [
      'a Dropout with a noise shape',
      () => dropout({ rate: 0.2, noiseShape: [null, 1], inputShape: [FEATURES] }),
    ],
    [
      'a sigmoid hidden layer',
      () => dense({ units: 16, inputShape: [FEATURES], activation: 'sigmoid' }),
    ],
  ])('leaves a model with %s to the per-layer step', async (_, first) => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const run = await train([first(), dense({ units: CLASSES, activation: 'softmax' })], false);
    expect(run.chainSteps).toBe(0);
    expect(run.losses.every(Number.isFinite)).toBe(true);
  });

  it('leaves labels of the wrong width to the per-layer step, whose loss names them', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const before = tf.memory().numTensors;
    const model = sequential({ layers: bookLayers() });
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const [x, y] = [tf.ones([8, FEATURES]), tf.ones([8, CLASSES - 1])];
    await expect(model.fit(x, y, { epochs: 1, verbose: 0 })).rejects.toThrow(
      /`yTrue` and `yPred` must have the same shape; received yTrue \[8, 3\] and yPred \[8, 4\]/,
    );
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
