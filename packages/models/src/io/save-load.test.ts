import { dense, input } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { artifactsOf } from '../../test/helpers.js';
import { ownedPerTest } from '../../test/owned.js';
import { type LayersModel, model } from '../layers-model.js';
import { sequential } from '../sequential.js';
import { deserializeModel } from './deserialize.js';
import { loadModel } from './load.js';

const own = ownedPerTest();

function functional(): LayersModel {
  const a = input({ shape: [3], name: 'features' });
  const b = input({ shape: [2], name: 'extra' });
  const h = dense({ name: 'hidden', units: 4, activation: 'relu' }).apply(a);
  const joined = dense({ name: 'mix', units: 2, activation: 'tanh' }).apply(b);
  const out = dense({ name: 'head', units: 2, activation: 'softmax' });
  const out2 = dense({ name: 'side', units: 1 });
  return own(
    model({ name: 'two_in', inputs: [a, b], outputs: [out.apply(h), out2.apply(joined)] }),
  );
}

function stack(): LayersModel {
  return own(
    sequential({
      name: 'stack',
      layers: [
        dense({ name: 'l1', units: 5, inputShape: [3], activation: 'relu' }),
        dense({ name: 'l2', units: 2, activation: 'softmax' }),
      ],
    }),
  );
}

const x3 = () =>
  own(
    tf.tensor2d([
      [0.1, -0.4, 2],
      [1, 0.5, -1],
    ]),
  );
const x2 = () =>
  own(
    tf.tensor2d([
      [0.3, 0.7],
      [-1, 2],
    ]),
  );

describe('save and load (TF.js Layers format)', () => {
  it('writes the tfjs-layers model.json fields', async () => {
    const artifacts = await artifactsOf(functional());
    expect(artifacts.format).toBe('layers-model');
    expect(artifacts.generatedBy).toBe('Dendrite v0.1.0');
    expect(artifacts.convertedBy).toBeNull();
    const topology = artifacts.modelTopology as Record<string, unknown>;
    expect(topology.class_name).toBe('Model');
    expect(topology.keras_version).toBe('tfjs-layers 4.22.0');
    expect(topology.backend).toBe('tensor_flow.js');
    const config = topology.config as Record<string, unknown>;
    expect(config.input_layers).toEqual([
      ['features', 0, 0],
      ['extra', 0, 0],
    ]);
    expect(config.output_layers).toEqual([
      ['head', 0, 0],
      ['side', 0, 0],
    ]);
    const layers = config.layers as Record<string, unknown>[];
    const head = layers.find((l) => l.name === 'head') as Record<string, unknown>;
    expect(head.class_name).toBe('Dense');
    expect(head.inbound_nodes).toEqual([[['hidden', 0, 0, {}]]]);
    expect(Object.keys(head.config as object)).toEqual(
      expect.arrayContaining([
        'units',
        'activation',
        'use_bias',
        'kernel_initializer',
        'bias_initializer',
      ]),
    );
    expect(artifacts.weightSpecs?.map((s) => s.name)).toEqual([
      'hidden/kernel',
      'hidden/bias',
      'head/kernel',
      'head/bias',
      'mix/kernel',
      'mix/bias',
      'side/kernel',
      'side/bias',
    ]);
  });

  it('save → load → predict gives identical numbers (functional and sequential)', async () => {
    for (const [m, x] of [
      [functional(), () => [x3(), x2()]],
      [stack(), () => x3()],
    ] as const) {
      const loaded = own(await loadModel(tf.io.fromMemory(await artifactsOf(m))));
      expect(loaded.getClassName()).toBe(m.getClassName());
      const input = x();
      const a = [m.predict(input)].flat();
      const b = [loaded.predict(input)].flat();
      a.forEach((t, i) => {
        expectClose(b[i] as tf.Tensor, t, { rtol: 0, atol: 0 });
      });
      tf.dispose([...a, ...b]);
      expect(loaded.getConfig()).toEqual(m.getConfig());
    }
  });

  it('config round trip: getConfig → deserializeModel → getConfig', () => {
    const m = functional();
    const copy = own(deserializeModel({ className: 'Model', config: m.getConfig() }));
    expect(copy.getConfig()).toEqual(m.getConfig());
  });

  it('our saved model loads in tfjs-layers with the same predictions', async () => {
    for (const m of [stack(), functional()]) {
      const theirs = await tfl.loadLayersModel(tf.io.fromMemory(await artifactsOf(m)));
      const input = m.inputs.length === 1 ? x3() : [x3(), x2()];
      const a = [m.predict(input)].flat();
      const b = [theirs.predict(input) as tf.Tensor | tf.Tensor[]].flat();
      a.forEach((t, i) => {
        expectClose(b[i] as tf.Tensor, t, { atol: 1e-6 });
      });
      tf.dispose([...a, ...b]);
      theirs.dispose();
    }
  });

  it('a model saved by tfjs-layers loads in ours with the same predictions', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }),
        tfl.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const x = x3();
    const expected = theirs.predict(x) as tf.Tensor;
    const artifacts = await artifactsOf(theirs);
    // tfjs keeps one global table of variable names: free tfjs-layers' before ours reuse them.
    theirs.dispose();
    const ours = own(await loadModel(tf.io.fromMemory(artifacts)));
    const actual = ours.predict(x) as tf.Tensor;
    expectClose(actual, expected, { atol: 1e-6 });
    tf.dispose([expected, actual]);
  });

  it('includeOptimizer: the loaded model is compiled and resumes training exactly', async () => {
    tf.setSeed(5);
    const m = stack();
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const x = own(
      tf.tensor2d([
        [0, 1, 2],
        [1, 0, -1],
        [2, 2, 0],
        [-1, 1, 1],
      ]),
    );
    const y = own(tf.tensor1d([0, 1, 1, 0]));
    await m.fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0 });
    const artifacts = await artifactsOf(m, { includeOptimizer: true });
    expect(artifacts.trainingConfig?.loss).toBe('sparse_categorical_crossentropy');
    expect(artifacts.trainingConfig?.metrics).toEqual(['accuracy']);
    const optimizerConfig = artifacts.trainingConfig?.optimizer_config as { class_name?: string };
    expect(optimizerConfig.class_name).toBe('Adam');
    expect(
      artifacts.weightSpecs?.filter((s) => s.group === 'optimizer').map((s) => s.name),
    ).toContain('l1/kernel/momentum');
    const loaded = own(await loadModel(tf.io.fromMemory(artifacts)));
    expect(loaded.optimizer?.iterations).toBe(4);
    await m.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
    await loaded.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
    const a = m.getWeights();
    const b = loaded.getWeights();
    a.forEach((t, i) => {
      expectClose(b[i] as tf.Tensor, t, { rtol: 0, atol: 1e-7 });
    });
    tf.dispose([...a, ...b]);
  });

  it('rejects unknown classes, malformed topology and short weight data', async () => {
    const artifacts = await artifactsOf(stack());
    const topology = JSON.parse(JSON.stringify(artifacts.modelTopology));
    topology.config.layers[0].class_name = 'EvilLayer';
    await expect(
      loadModel(tf.io.fromMemory({ ...artifacts, modelTopology: topology })),
    ).rejects.toThrow(/Unknown layer class "EvilLayer"; expected one of: /);
    await expect(
      loadModel(tf.io.fromMemory({ ...artifacts, modelTopology: { config: {} } })),
    ).rejects.toThrow(
      'loadModel: malformed model topology: expected {class_name, config}; received keys [config]',
    );
    const short = (artifacts.weightData as ArrayBuffer).slice(0, 20);
    await expect(loadModel(tf.io.fromMemory({ ...artifacts, weightData: short }))).rejects.toThrow(
      'loadModel: the weight data has 20 bytes but the weights manifest needs 128',
    );
  });
});
