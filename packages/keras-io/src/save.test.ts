import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { modelCheckpoint } from '@dendrite/callbacks';
import {
  add,
  dense,
  dropout,
  embedding,
  flatten,
  gru,
  input,
  lstm,
  type SymbolicTensor,
} from '@dendrite/layers';
import { model as functional, type LayersModel, loadModel, sequential } from '@dendrite/models';
import { registerFileSystem } from '@dendrite/models/node';
import * as tf from '@dendrite/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerKerasFormat } from './format.js';
import { readHdf5 } from './hdf5.js';
import { HAVE_KERAS, KERAS_DIR } from './test-files.js';
import { readZip } from './zip.js';

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

/** Every group and dataset path with its shape, as h5py's visititems lists them. */
async function layout(bytes: Uint8Array): Promise<string[]> {
  return readHdf5(bytes, 'layout', (root) => {
    const out: string[] = [];
    const walk = (group: typeof root, prefix: string) => {
      for (const key of group.keys()) {
        const child = group.get(key) as unknown as { keys?: () => string[]; shape?: number[] };
        if (typeof child.keys === 'function') {
          out.push(`${prefix}${key}/`);
          walk(child as typeof root, `${prefix}${key}/`);
        } else out.push(`${prefix}${key} [${child.shape?.join(',')}]`);
      }
    };
    walk(root, '');
    return out.sort();
  });
}

function unzip(bytes: Uint8Array) {
  return readZip(bytes, 't', {
    required: ['config.json', 'metadata.json', 'model.weights.h5'],
    wanted: ['config.json', 'metadata.json', 'model.weights.h5'],
    maxBytes: () => 1e9,
  });
}

describe('writing Keras 3 files', () => {
  let dir: string;
  beforeAll(async () => {
    registerFileSystem();
    registerKerasFormat();
    dir = await mkdtemp(path.join(tmpdir(), 'keras-io-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('model.save("x.keras") reads back compiled, with equal predictions and optimizer state', async () => {
    const before = tf.memory().numTensors;
    const model = mlp();
    const x = tf.randomUniform([16, 28, 28], 0, 1, 'float32', 1);
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5]);
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    const file = path.join(dir, 'model-whole.keras');
    await model.save(file);
    const copy = await loadModel(file);
    expect(copy.isCompiled).toBe(true);
    expect(copy.optimizer?.getClassName()).toBe('Adam');
    const a = model.predict(x) as tf.Tensor;
    const b = copy.predict(x) as tf.Tensor;
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
    expect(diff).toBe(0);
    const slots = (m: LayersModel) => {
      const weights = m.optimizer?.getWeights() ?? [];
      const sums = weights.map((w) => tf.tidy(() => tf.sum(w.tensor).dataSync()[0] as number));
      tf.dispose(weights.map((w) => w.tensor));
      return sums;
    };
    expect(slots(copy)).toEqual(slots(model));
    tf.dispose([a, b, x, y]);
    model.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it.skipIf(!HAVE_KERAS)(
    'lays out config and weights as the Keras 3 files do, layer for layer',
    async () => {
      const model = mlp();
      const file = path.join(dir, 'mlp.keras');
      await model.save(file);
      const ours = unzip(new Uint8Array(await readFile(file)));
      const theirs = unzip(
        new Uint8Array(await readFile(path.join(KERAS_DIR, 'keras3/mlp-whole-model.keras'))),
      );
      expect(await layout(ours['model.weights.h5'] as Uint8Array)).toEqual(
        await layout(theirs['model.weights.h5'] as Uint8Array),
      );
      const parse = (e: Record<string, Uint8Array>) =>
        JSON.parse(new TextDecoder().decode(e['config.json']));
      const a = parse(ours);
      const b = parse(theirs);
      const shape = (c: {
        module: string;
        class_name: string;
        config: {
          layers: {
            class_name: string;
            module: string;
            build_config?: unknown;
            config: Record<string, unknown>;
          }[];
        };
      }) =>
        c.config.layers.map((l) => ({
          module: l.module,
          class_name: l.class_name,
          keys: Object.keys(l.config)
            .filter((k) => k !== 'name')
            .sort(),
          build_config: l.build_config ?? null,
        }));
      expect([a.module, a.class_name, Object.keys(a).sort()]).toEqual([
        b.module,
        b.class_name,
        Object.keys(b).sort(),
      ]);
      const mine = shape(a);
      const real = shape(b);
      for (const [i, layer] of real.entries()) {
        expect(mine[i]?.class_name).toBe(layer.class_name);
        expect(mine[i]?.module).toBe(layer.module);
        expect(mine[i]?.build_config).toEqual(layer.build_config);
        // Every key Keras writes is present (Dendrite may add its own extras).
        for (const key of layer.keys) expect(mine[i]?.keys).toContain(key);
      }
      // Keras 3.6 leaves `optimizer` out of this file's compile_config; the LSTM file has it.
      const keys = (c: Record<string, unknown>) =>
        Object.keys(c)
          .filter((k) => k !== 'optimizer')
          .sort();
      expect(keys(a.compile_config)).toEqual(keys(b.compile_config));
      const meta = JSON.parse(new TextDecoder().decode(ours['metadata.json']));
      expect(Object.keys(meta).sort()).toEqual(['date_saved', 'keras_version']);
      model.dispose();
    },
    60_000,
  );

  it('modelCheckpoint({filepath: "best-model.keras", saveBestOnly: true}) leaves one loadable .keras', async () => {
    const folder = path.join(dir, 'ckpt');
    const model = mlp();
    const x = tf.randomUniform([32, 28, 28], 0, 1, 'float32', 2);
    const y = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 10));
    const checkpoint = modelCheckpoint({
      filepath: path.join(folder, 'best-model.keras'),
      saveBestOnly: true,
      monitor: 'loss',
    });
    await model.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0, callbacks: [checkpoint] });
    expect(await readdir(folder)).toEqual(['best-model.keras']);
    const best = await loadModel(path.join(folder, 'best-model.keras'));
    const logs = await best.evaluate(x, y, { verbose: 0 });
    expect(Number.isFinite(logs.loss)).toBe(true);
    expect(logs.accuracy).toBeGreaterThanOrEqual(0);
    tf.dispose([x, y]);
    model.dispose();
    best.dispose();
  }, 60_000);

  it('a functional model with a shared input and a merge writes {args, kwargs} nodes and reads back', async () => {
    const x = input({ shape: [3] });
    const a = dense({ units: 4, activation: 'relu' }).apply(x);
    const b = dense({ units: 4 }).apply(x);
    const y = dense({ units: 2 }).apply(add().apply([a, b]) as SymbolicTensor);
    const model = functional({ inputs: x, outputs: y });
    const file = path.join(dir, 'functional.keras');
    await model.save(file);
    const config = JSON.parse(
      new TextDecoder().decode(unzip(new Uint8Array(await readFile(file)))['config.json']),
    );
    expect(config.class_name).toBe('Functional');
    const merge = config.config.layers.find((l: { class_name: string }) => l.class_name === 'Add');
    expect(merge.inbound_nodes[0].args[0]).toHaveLength(2);
    expect(merge.inbound_nodes[0].args[0][0].class_name).toBe('__keras_tensor__');
    const copy = await loadModel(file);
    const sample = tf.tensor2d([[1, -2, 3]]);
    const p = model.predict(sample) as tf.Tensor;
    const q = copy.predict(sample) as tf.Tensor;
    expect(Array.from(q.dataSync())).toEqual(Array.from(p.dataSync()));
    tf.dispose([sample, p, q]);
    model.dispose();
    copy.dispose();
  });

  it('plain paths on Node: a folder is the TF.js format, and loads back', async () => {
    const model = mlp();
    const folder = path.join(dir, 'tfjs-folder');
    await model.save(folder);
    expect((await readdir(folder)).includes('model.json')).toBe(true);
    const copy = await loadModel(folder);
    const again = await loadModel(path.join(folder, 'model.json'));
    expect(copy.countParams()).toBe(model.countParams());
    expect(again.countParams()).toBe(model.countParams());
    for (const m of [model, copy, again]) m.dispose();
  });

  it.skipIf(!HAVE_KERAS)(
    'an LSTM model matches the layout of the Keras 3 LSTM file, optimizer variables included',
    async () => {
      const model = sequential({
        layers: [
          embedding({ inputDim: 500, outputDim: 16, inputShape: [100] }),
          lstm({ units: 8 }),
          dense({ units: 1, activation: 'sigmoid' }),
        ],
      });
      model.compile({ optimizer: 'rmsprop', loss: 'binary_crossentropy', metrics: ['accuracy'] });
      const file = path.join(dir, 'lstm.keras');
      await model.save(file);
      const ours = unzip(new Uint8Array(await readFile(file)));
      const theirs = unzip(
        new Uint8Array(await readFile(path.join(KERAS_DIR, 'keras3/lstm-best-model.keras'))),
      );
      expect(await layout(ours['model.weights.h5'] as Uint8Array)).toEqual(
        await layout(theirs['model.weights.h5'] as Uint8Array),
      );
      model.dispose();
    },
  );

  it('saveWeights writes .weights.h5 that loadWeights reads; non-HDF5 names are refused', async () => {
    const model = sequential({
      layers: [
        embedding({ inputDim: 20, outputDim: 4, inputShape: [5] }),
        gru({ units: 3 }),
        dense({ units: 1 }),
      ],
    });
    const file = path.join(dir, 'm.weights.h5');
    await model.saveWeights(file);
    const copy = sequential({
      layers: [
        embedding({ inputDim: 20, outputDim: 4, inputShape: [5] }),
        gru({ units: 3 }),
        dense({ units: 1 }),
      ],
    });
    await copy.loadWeights(file);
    const x = tf.tensor2d([[1, 2, 3, 4, 5]]);
    const a = model.predict(x) as tf.Tensor;
    const b = copy.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(await layout(new Uint8Array(await readFile(file)))).toContain(
      'layers/gru/cell/vars/2 [2,9]',
    );
    await expect(model.saveWeights(path.join(dir, 'm.bin'))).rejects.toThrow(
      /destination.*\.weights\.h5.*received "[^"]*m\.bin"/,
    );
    tf.dispose([x, a, b]);
    model.dispose();
    copy.dispose();
  }, 60_000);
});
