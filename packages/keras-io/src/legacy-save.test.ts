import { readdir, readFile } from 'node:fs/promises';
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
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectReloadsCompiled, expectSamePredictions, mlp, tempFolder } from '../test/helpers.js';
import { readHdf5, stringAttribute } from './hdf5.js';

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

describe('writing legacy Keras 2 .h5 files', () => {
  const folder = tempFolder('keras-io-h5-');

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
      const file = path.join(folder(), `${label}.h5`);
      const fit = { epochs: 2, batchSize: 4 };
      const state = await expectReloadsCompiled(build(), data(), file, fit, before);
      expect(state.length).toBeGreaterThan(2);
      expect(state[0]).toBe(4);
    }, 60_000);
  }

  it('saveWeights("x.h5") writes Keras 2 weights that loadWeights reads into a fresh model', async () => {
    const model = recurrent();
    const copy = recurrent();
    const file = path.join(folder(), 'gru-weights.h5');
    await model.saveWeights(file);
    await copy.loadWeights(file);
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6]]);
    expectSamePredictions(model, copy, x);
  }, 60_000);

  it('a Functional model is written with Keras 2 list-form inbound_nodes and loads back', async () => {
    const x = input({ shape: [4], name: 'features' });
    const a = dense({ units: 3, name: 'left' }).apply(x) as never;
    const b = dense({ units: 3, name: 'right' }).apply(x) as never;
    const model = functional({ inputs: x, outputs: add({ name: 'sum' }).apply([a, b]) as never });
    const file = path.join(folder(), 'functional.h5');
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
    expectSamePredictions(model, copy, data);
  }, 60_000);

  it('a model Keras 2 cannot express is refused before any file is written, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const model = sequential({
      layers: [dense({ units: 2, activation: 'hard_sigmoid', inputShape: [3] }) as Layer],
    });
    const file = path.join(folder(), 'refused.h5');
    await expect(model.save(file)).rejects.toThrow(
      /a Keras 2 \.h5 file cannot hold activation "hard_sigmoid".*save to "\.keras"/,
    );
    expect((await readdir(folder())).filter((f) => f.includes('refused'))).toEqual([]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
