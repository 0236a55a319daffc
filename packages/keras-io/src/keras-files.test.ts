import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { readIdxFile } from '@dendrite/data/node';
import type { LayersModel } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKerasModel, loadKerasWeights } from './load.js';
import { FASHION_DIR, HAVE_KERAS, KERAS_DIR, SKIP_REASON } from './test-files.js';

interface Expected {
  test_accuracy?: number;
  test_loss?: number;
  first_probs?: number[];
  input_token_ids?: number[][];
  predictions?: number[][] | number[];
}

/** Dendrite's OpenBLAS backend when built, else wasm. */
async function fastBackend(): Promise<void> {
  try {
    await tf.useBackend('native', { log: false });
  } catch {
    await tf.useBackend('wasm', { log: false });
  }
}

async function open(name: string): Promise<LayersModel> {
  const bytes = new Uint8Array(await readFile(path.join(KERAS_DIR, name)));
  return loadKerasModel(bytes, name);
}

describe.skipIf(!HAVE_KERAS)(`real Keras files${HAVE_KERAS ? '' : ` (${SKIP_REASON})`}`, () => {
  let expected: Record<string, Expected>;
  let images: tf.Tensor;
  let labels: tf.Tensor;
  beforeAll(async () => {
    expected = JSON.parse(await readFile(path.join(KERAS_DIR, 'expected.json'), 'utf8'));
    const x = await readIdxFile(path.join(FASHION_DIR, 't10k-images-idx3-ubyte.gz'));
    const y = await readIdxFile(path.join(FASHION_DIR, 't10k-labels-idx1-ubyte.gz'));
    images = tf.tidy(() => tf.div(tf.tensor(Float32Array.from(x.data), [10000, 28, 28]), 255));
    labels = tf.tensor(Float32Array.from(y.data), [10000]);
    return () => tf.dispose([images, labels]);
  });

  const imageModels = [
    'keras3/mlp-best-model.keras',
    'keras3/mlp-whole-model.keras',
    'keras2/mlp-best-model.h5',
    'keras2/cnn-best-model.h5',
  ];
  for (const name of imageModels) {
    it(`${name}: compiled as saved; evaluate gives the NumPy accuracy and loss`, async () => {
      // 10 000 images through two convolutions take minutes on the pure-JS CPU backend.
      const conv = name.includes('cnn');
      if (conv) await fastBackend();
      const before = tf.memory().numTensors;
      const model = await open(name);
      const want = expected[name] as Expected;
      const shape = model.inputs[0]?.shape ?? [];
      const x = shape.length === 4 ? images.reshape([10000, 28, 28, 1]) : images;
      const logs = await model.evaluate(x, labels, { batchSize: 1000 });
      expect(logs.accuracy).toBeCloseTo(want.test_accuracy as number, 4);
      expect(Math.abs((logs.loss as number) - (want.test_loss as number))).toBeLessThan(2e-4);
      const first = tf.tidy(() => model.predict(x.slice([0], [1])) as tf.Tensor);
      if (x !== images) x.dispose();
      const probs = Array.from(first.dataSync());
      first.dispose();
      for (const [i, p] of (want.first_probs as number[]).entries()) {
        expect(Math.abs((probs[i] as number) - p)).toBeLessThan(1e-4);
      }
      model.dispose();
      if (conv) await tf.setBackend('cpu');
      expect(tf.memory().numTensors).toBe(before);
    }, 600_000);
  }

  it('restores the stored optimizer state (h5py: Keras 2 iter 10500, Keras 3 iterations 13500)', async () => {
    const before = tf.memory().numTensors;
    for (const [name, iterations, slot, first] of [
      ['keras2/mlp-best-model.h5', 10500, 'momentum', [-0.00202274, 0.00084449, 0.00341019]],
      // Keras 3 Adam: vars/2 momentum and vars/3 velocity of the first kernel, then the bias.
      ['keras3/mlp-best-model.keras', 13500, 'velocity', [1.5470073e-12, 2.6069849e-12]],
    ] as const) {
      const model = await open(name);
      const state = model.optimizer?.getWeights() ?? [];
      const iteration = state.find((w) => w.name === 'iteration')?.tensor.dataSync()[0];
      expect(iteration).toBe(iterations);
      const weight = name.startsWith('keras2') ? model.weights[1] : model.weights[0];
      const values = state
        .find((w) => w.name === `${weight?.variable.name}/${slot}`)
        ?.tensor.dataSync()
        .slice(0, first.length);
      for (const [i, v] of first.entries()) {
        expect(Math.abs((values?.[i] ?? Number.NaN) - v)).toBeLessThan(Math.abs(v) * 1e-5);
      }
      tf.dispose(state.map((w) => w.tensor));
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  const sequenceModels: [string, number | undefined][] = [
    ['keras3/lstm-best-model.keras', undefined],
    ['keras3/simplernn-onehot-best-model.keras', 300],
    ['keras2/gru-best-model.h5', undefined],
  ];
  for (const [name, depth] of sequenceModels) {
    it(`${name}: predicts the NumPy outputs on the listed sequences`, async () => {
      const before = tf.memory().numTensors;
      const model = await open(name);
      const want = expected[name] as Expected;
      const ids = want.input_token_ids as number[][];
      const out = tf.tidy(() => {
        const tokens = tf.tensor2d(ids, undefined, 'int32');
        const x = depth ? tf.oneHot(tokens, depth).toFloat() : tokens.toFloat();
        return model.predict(x) as tf.Tensor;
      });
      const got = Array.from(out.dataSync());
      out.dispose();
      const flat = (want.predictions as number[] | number[][]).flat();
      expect(got.length).toBe(flat.length);
      for (const [i, p] of flat.entries())
        expect(Math.abs((got[i] as number) - p)).toBeLessThan(1e-4);
      expect(model.isCompiled).toBe(true);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }, 60_000);
  }

  it('weights-only files fill a model built from the same config (Keras 3 and legacy Keras 2)', async () => {
    const before = tf.memory().numTensors;
    for (const [weightsFile, modelFile] of [
      ['keras3/mlp.weights.h5', 'keras3/mlp-whole-model.keras'],
      ['keras2/mlp-model-weights.h5', 'keras2/mlp-best-model.h5'],
    ] as const) {
      const reference = await open(modelFile);
      const model = await open(modelFile);
      for (const w of model.weights) tf.tidy(() => w.write(tf.zerosLike(w.read())));
      const bytes = new Uint8Array(await readFile(path.join(KERAS_DIR, weightsFile)));
      await loadKerasWeights(model, bytes, weightsFile);
      const sample = images.slice([0], [8]);
      const a = model.predict(sample) as tf.Tensor;
      const b = reference.predict(sample) as tf.Tensor;
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
      if (weightsFile.startsWith('keras3')) expect(diff).toBeLessThan(1e-6);
      else expect(Number.isFinite(diff)).toBe(true);
      const probs = Array.from(a.dataSync());
      expect(probs.every(Number.isFinite)).toBe(true);
      tf.dispose([sample, a, b]);
      model.dispose();
      reference.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
