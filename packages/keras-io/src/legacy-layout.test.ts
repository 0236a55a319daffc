import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { conv2d, dense, dropout, embedding, flatten, gru, maxPooling2d } from '@dendrite/layers';
import { type LayersModel, sequential } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { mlp, tempFolder } from '../test/helpers.js';
import { HAVE_KERAS, KERAS_DIR } from './test-files.js';

const PYTHON = '/usr/bin/python3';
const DUMP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/h5-dump.py');
const HAVE_H5PY =
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import h5py, numpy']).status === 0;

function h5py(file: string, args: string[] = [], input?: string): unknown {
  const out = spawnSync(PYTHON, [DUMP, file, ...args], { input, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`h5-dump.py failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

describe.skipIf(!HAVE_KERAS || !HAVE_H5PY)(
  `against tf.keras 2.9's files, read with h5py${HAVE_H5PY ? '' : ' (skipped: no /usr/bin/python3 with h5py)'}`,
  () => {
    const folder = tempFolder('keras-io-h5-layout-');

    type Dump = {
      root: Record<string, unknown>;
      tree: { path: string }[];
      model_config: {
        class_name: string;
        config: { layers: { class_name: string; config: object }[] };
      };
      training_config: Record<string, unknown> & {
        optimizer_config: { class_name: string; config: object };
      };
    };

    it('whole model: same tree, attributes, weight names, shapes and dtypes as mlp-best-model.h5', async () => {
      const model = mlp(true);
      const file = path.join(folder(), 'mlp-named.h5');
      await model.save(file);
      const ours = h5py(file) as Dump;
      const theirs = h5py(path.join(KERAS_DIR, 'keras2/mlp-best-model.h5')) as Dump;
      expect(ours.tree).toEqual(theirs.tree);
      expect(ours.root).toEqual(theirs.root);
      const classes = (d: Dump) => [
        d.model_config.class_name,
        ...d.model_config.config.layers.map((l) => l.class_name),
      ];
      expect(classes(ours)).toEqual(classes(theirs));
      // Every key we write is one tf.keras 2.9 writes for that layer (Keras-3-only keys would fail here).
      for (const [i, layer] of ours.model_config.config.layers.entries()) {
        const known = Object.keys(theirs.model_config.config.layers[i]?.config ?? {});
        expect(Object.keys(layer.config).filter((k) => !known.includes(k))).toEqual([]);
      }
      expect(Object.keys(ours.training_config).sort()).toEqual(
        Object.keys(theirs.training_config).sort(),
      );
      expect(ours.training_config.loss).toBe(theirs.training_config.loss);
      expect(ours.training_config.optimizer_config.class_name).toBe('Adam');
      const optimizerKeys = Object.keys(theirs.training_config.optimizer_config.config);
      expect(
        Object.keys(ours.training_config.optimizer_config.config).filter(
          (k) => !optimizerKeys.includes(k),
        ),
      ).toEqual([]);
      model.dispose();
    }, 60_000);

    const twins: [string, () => LayersModel][] = [
      [
        'cnn-best-model.h5',
        () => {
          const model = sequential({
            name: 'sequential',
            layers: [
              conv2d({
                filters: 32,
                kernelSize: 3,
                padding: 'same',
                activation: 'relu',
                inputShape: [28, 28, 1],
                name: 'conv2d_2',
              }),
              maxPooling2d({ poolSize: 2, name: 'max_pooling2d' }),
              conv2d({
                filters: 64,
                kernelSize: 3,
                padding: 'same',
                activation: 'relu',
                name: 'conv2d_3',
              }),
              maxPooling2d({ poolSize: 2, name: 'max_pooling2d_1' }),
              flatten({ name: 'flatten' }),
              dense({ units: 100, activation: 'relu', name: 'dense' }),
              dropout({ rate: 0.4, name: 'dropout' }),
              dense({ units: 10, activation: 'softmax', name: 'dense_1' }),
            ],
          });
          model.compile({
            optimizer: 'adam',
            loss: 'sparse_categorical_crossentropy',
            metrics: ['accuracy'],
          });
          return model;
        },
      ],
      [
        'gru-best-model.h5',
        () => {
          const model = sequential({
            name: 'sequential_5',
            layers: [
              embedding({ inputDim: 500, outputDim: 16, inputLength: 100, name: 'embedding_4' }),
              gru({ units: 8, name: 'gru' }),
              dense({ units: 1, activation: 'sigmoid', name: 'dense_5' }),
            ],
          });
          model.compile({
            optimizer: { className: 'RMSprop', config: { learningRate: 1e-4 } } as never,
            loss: 'binary_crossentropy',
            metrics: ['accuracy'],
          });
          return model;
        },
      ],
    ];
    for (const [name, build] of twins) {
      it(`whole model: same tree, weight and optimizer names, shapes and dtypes as ${name}`, async () => {
        const model = build();
        const file = path.join(folder(), `twin-${name}`);
        await model.save(file);
        const ours = h5py(file) as Dump;
        const theirs = h5py(path.join(KERAS_DIR, 'keras2', name)) as Dump;
        expect(ours.tree).toEqual(theirs.tree);
        expect(ours.root).toEqual(theirs.root);
        const extra = ours.model_config.config.layers.map((layer, i) => {
          const known = Object.keys(theirs.model_config.config.layers[i]?.config ?? {});
          return Object.keys(layer.config).filter((k) => !known.includes(k));
        });
        // tf.keras 2.9's RNN base takes `zero_output_for_mask` as a keyword though get_config omits it.
        expect(extra.flat().filter((k) => k !== 'zero_output_for_mask')).toEqual([]);
        model.dispose();
      }, 60_000);
    }

    it('weights only: same tree and attributes as mlp-model-weights.h5', async () => {
      const model = mlp(true);
      const file = path.join(folder(), 'mlp-weights.h5');
      await model.saveWeights(file);
      const rename = (s: string) =>
        s
          .replaceAll('flatten_7', 'flatten_11')
          .replaceAll('dense_14', 'dense_22')
          .replaceAll('dropout_1', 'dropout_5')
          .replaceAll('dense_15', 'dense_23');
      const theirs = JSON.parse(
        rename(JSON.stringify(h5py(path.join(KERAS_DIR, 'keras2/mlp-model-weights.h5')))),
      );
      const ours = h5py(file) as Dump;
      expect(ours.tree).toEqual(theirs.tree);
      expect(ours.root).toEqual(theirs.root);
      model.dispose();
    }, 60_000);

    it("a NumPy forward pass over the file's weights matches Dendrite's predictions to 1e-5", async () => {
      const model = mlp();
      const x = tf.randomUniform([5, 28, 28], 0, 1, 'float32', 7);
      const file = path.join(folder(), 'mlp-forward.h5');
      await model.save(file);
      const rows = x.arraySync();
      const theirs = (h5py(file, ['--forward'], JSON.stringify(rows)) as number[][]).flat();
      const ours = tf.tidy(() => Array.from((model.predict(x) as tf.Tensor).dataSync()));
      expect(theirs).toHaveLength(50);
      const worst = Math.max(...ours.map((v, i) => Math.abs(v - (theirs[i] as number))));
      expect(worst).toBeLessThan(1e-5);
      x.dispose();
      model.dispose();
    }, 60_000);
  },
);
