import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { modelCheckpoint } from '@dendrite/callbacks';
import { add, dense, embedding, gru, input, lstm, type SymbolicTensor } from '@dendrite/layers';
import { model as functional, loadModel, sequential } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectReloadsCompiled, expectSamePredictions, mlp, tempFolder } from '../test/helpers.js';
import { readHdf5 } from './hdf5.js';
import { HAVE_KERAS, KERAS_DIR } from './test-files.js';
import { readZip } from './zip.js';

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

/**
 * Our `.keras` file and Keras 3's reference (under `KERAS_DIR`) hold the same weights tree;
 * returns both archives' entries.
 */
async function expectSameWeightsLayout(file: string, reference: string) {
  const ours = unzip(new Uint8Array(await readFile(file)));
  const theirs = unzip(new Uint8Array(await readFile(path.join(KERAS_DIR, reference))));
  expect(await layout(ours['model.weights.h5'] as Uint8Array)).toEqual(
    await layout(theirs['model.weights.h5'] as Uint8Array),
  );
  return [ours, theirs] as const;
}

describe('writing Keras 3 files', () => {
  const tempDir = tempFolder('keras-io-');

  it('model.save("x.keras") reads back compiled, with equal predictions and optimizer state', async () => {
    const before = tf.memory().numTensors;
    const model = mlp();
    expect(model.optimizer?.getClassName()).toBe('Adam');
    const x = tf.randomUniform([16, 28, 28], 0, 1, 'float32', 1);
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5]);
    const file = path.join(tempDir(), 'model-whole.keras');
    await expectReloadsCompiled(model, [x, y], file, { epochs: 1, batchSize: 8 }, before);
  }, 60_000);

  it.skipIf(!HAVE_KERAS)(
    'lays out config and weights as the Keras 3 files do, layer for layer',
    async () => {
      const model = mlp();
      const file = path.join(tempDir(), 'mlp.keras');
      await model.save(file);
      const [ours, theirs] = await expectSameWeightsLayout(file, 'keras3/mlp-whole-model.keras');
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
    const folder = path.join(tempDir(), 'ckpt');
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
    const file = path.join(tempDir(), 'functional.keras');
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
    expectSamePredictions(model, copy, sample);
  });

  it('plain paths on Node: a folder is the TF.js format, and loads back', async () => {
    const model = mlp();
    const folder = path.join(tempDir(), 'tfjs-folder');
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
      const file = path.join(tempDir(), 'lstm.keras');
      await model.save(file);
      await expectSameWeightsLayout(file, 'keras3/lstm-best-model.keras');
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
    const file = path.join(tempDir(), 'm.weights.h5');
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
    await expect(model.saveWeights(path.join(tempDir(), 'm.bin'))).rejects.toThrow(
      /destination.*\.weights\.h5.*received "[^"]*m\.bin"/,
    );
    tf.dispose([x, a, b]);
    model.dispose();
    copy.dispose();
  }, 60_000);
});
