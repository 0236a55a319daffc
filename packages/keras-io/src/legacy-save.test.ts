import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  add,
  conv2d,
  dense,
  dropout,
  embedding,
  flatten,
  gru,
  input,
  type Layer,
  maxPooling2d,
} from '@dendrite/layers';
import { model as functional, type LayersModel, loadModel, sequential } from '@dendrite/models';
import { registerFileSystem } from '@dendrite/models/node';
import * as tf from '@dendrite/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerKerasFormat } from './format.js';
import { readHdf5, stringAttribute } from './hdf5.js';

function mlp(): LayersModel {
  const model = sequential({
    layers: [
      flatten({ inputShape: [28, 28] }),
      dense({ units: 100, activation: 'relu' }),
      dropout({ rate: 0.3 }),
      dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: 'adam',
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
  });
  return model;
}
function cnn(): LayersModel {
  const model = sequential({
    layers: [
      conv2d({
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        inputShape: [8, 8, 1],
      }),
      maxPooling2d({ poolSize: 2 }),
      flatten({}),
      dense({ units: 8, activation: 'relu' }),
      dropout({ rate: 0.5 }),
      dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: 'adam',
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

function recurrent(): LayersModel {
  const model = sequential({
    layers: [
      embedding({ inputDim: 20, outputDim: 4, inputShape: [6] }),
      gru({ units: 5, resetAfter: true }),
      dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  model.compile({ optimizer: 'rmsprop', loss: 'binary_crossentropy', metrics: ['accuracy'] });
  return model;
}

/**
 * Sum of every optimizer state tensor, in the optimizer's order (variable names get a unique
 * suffix in a second model): equal sums after a reload mean the state came back.
 */
function optimizerState(model: LayersModel): number[] {
  const weights = model.optimizer?.getWeights() ?? [];
  const out = weights.map((w) => tf.tidy(() => tf.sum(w.tensor).dataSync()[0] as number));
  tf.dispose(weights.map((w) => w.tensor));
  return out;
}

describe('writing legacy Keras 2 .h5 files', () => {
  let dir: string;
  beforeAll(async () => {
    registerFileSystem();
    registerKerasFormat();
    dir = await mkdtemp(path.join(tmpdir(), 'keras-io-h5-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cases: [string, () => LayersModel, () => [tf.Tensor, tf.Tensor]][] = [
    [
      'MLP',
      () => mlp(),
      () => [
        tf.randomUniform([8, 28, 28], 0, 1, 'float32', 1),
        tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7]),
      ],
    ],
    [
      'CNN',
      cnn,
      () => [tf.randomUniform([6, 8, 8, 1], 0, 1, 'float32', 2), tf.tensor1d([0, 1, 2, 0, 1, 2])],
    ],
    [
      'GRU',
      recurrent,
      () => [
        tf.tidy(() => tf.floor(tf.randomUniform([6, 6], 0, 20, 'float32', 3))),
        tf.tensor2d([[0], [1], [1], [0], [1], [0]]),
      ],
    ],
  ];
  for (const [label, build, data] of cases) {
    it(`${label}: model.save("x.h5") loads back compiled, with equal predictions and optimizer state`, async () => {
      const before = tf.memory().numTensors;
      const model = build();
      const [x, y] = data();
      await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
      const file = path.join(dir, `${label}.h5`);
      await model.save(file);
      const copy = await loadModel(file);
      expect(copy.isCompiled).toBe(true);
      expect(copy.optimizer?.getClassName()).toBe(model.optimizer?.getClassName());
      const a = model.predict(x) as tf.Tensor;
      const b = copy.predict(x) as tf.Tensor;
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
      const state = optimizerState(model);
      expect(state.length).toBeGreaterThan(2);
      expect(state[0]).toBe(4);
      expect(optimizerState(copy)).toEqual(state);
      tf.dispose([a, b, x, y]);
      model.dispose();
      copy.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }, 60_000);
  }

  it('saveWeights("x.h5") writes Keras 2 weights that loadWeights reads into a fresh model', async () => {
    const model = recurrent();
    const copy = recurrent();
    const file = path.join(dir, 'gru-weights.h5');
    await model.saveWeights(file);
    await copy.loadWeights(file);
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6]]);
    const a = model.predict(x) as tf.Tensor;
    const b = copy.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    copy.dispose();
  }, 60_000);

  it('a Functional model is written with Keras 2 list-form inbound_nodes and loads back', async () => {
    const x = input({ shape: [4], name: 'features' });
    const a = dense({ units: 3, name: 'left' }).apply(x) as never;
    const b = dense({ units: 3, name: 'right' }).apply(x) as never;
    const model = functional({ inputs: x, outputs: add({ name: 'sum' }).apply([a, b]) as never });
    const file = path.join(dir, 'functional.h5');
    await model.save(file);
    const bytes = new Uint8Array(await readFile(file));
    const config = JSON.parse(
      (await readHdf5(bytes, 'functional.h5', (root) => stringAttribute(root, 'model_config'))) ??
        '',
    );
    expect(config.class_name).toBe('Functional');
    const sum = config.config.layers.find((l: { name: string }) => l.name === 'sum');
    expect(sum.inbound_nodes).toEqual([
      [
        ['left', 0, 0, {}],
        ['right', 0, 0, {}],
      ],
    ]);
    expect(config.config.input_layers).toEqual([['features', 0, 0]]);
    const copy = await loadModel(file);
    const data = tf.tensor2d([[1, -2, 3, 0.5]]);
    const p = model.predict(data) as tf.Tensor;
    const q = copy.predict(data) as tf.Tensor;
    expect(Array.from(q.dataSync())).toEqual(Array.from(p.dataSync()));
    tf.dispose([data, p, q]);
    model.dispose();
    copy.dispose();
  }, 60_000);

  it('a model Keras 2 cannot express is refused before any file is written, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const model = sequential({
      layers: [dense({ units: 2, activation: 'hard_sigmoid', inputShape: [3] }) as Layer],
    });
    const file = path.join(dir, 'refused.h5');
    await expect(model.save(file)).rejects.toThrow(
      /a Keras 2 \.h5 file cannot hold activation "hard_sigmoid".*save to "\.keras"/,
    );
    expect((await readdir(dir)).filter((f) => f.includes('refused'))).toEqual([]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
