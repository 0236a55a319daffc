// Shared helpers of the keras-io save tests: the chapter-7 MLP, a temporary folder per
// describe block, and the save → load check every format passes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { dense, dropout, flatten } from '@dendrite/layers';
import { type LayersModel, loadModel, sequential } from '@dendrite/models';
import { registerFileSystem } from '@dendrite/models/node';
import * as tf from '@dendrite/tensor';
import { afterAll, beforeAll, expect } from 'vitest';
import { registerKerasFormat } from '../src/format.js';

/**
 * The ch. 7 MLP (flatten, dense 100 relu, dropout 0.3, dense 10 softmax; adam, sparse
 * crossentropy, accuracy); `named`: named as in the Keras 2.9 reference file, so the trees
 * compare path for path.
 */
export function mlp(named = false): LayersModel {
  const name = (n: string) => (named ? { name: n } : {});
  const model = sequential({
    ...(named ? { name: 'sequential_11' } : {}),
    layers: [
      flatten({ inputShape: [28, 28], ...name('flatten_11') }),
      dense({ units: 100, activation: 'relu', ...name('dense_22') }),
      dropout({ rate: 0.3, ...name('dropout_5') }),
      dense({ units: 10, activation: 'softmax', ...name('dense_23') }),
    ],
  });
  model.compile({
    optimizer: 'adam',
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/**
 * Sum of every optimizer state tensor, in the optimizer's order (variable names get a unique
 * suffix in a second model): equal sums after a reload mean the state came back.
 */
export function optimizerState(model: LayersModel): number[] {
  const weights = model.optimizer?.getWeights() ?? [];
  const out = weights.map((w) => tf.tidy(() => tf.sum(w.tensor).dataSync()[0] as number));
  tf.dispose(weights.map((w) => w.tensor));
  return out;
}

/**
 * A temporary folder for the enclosing describe block, made before its tests (with the file
 * system and the Keras format registered) and removed after them. Returns its path's getter.
 */
export function tempFolder(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(async () => {
    registerFileSystem();
    registerKerasFormat();
    dir = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));
  return () => {
    if (!dir) throw new Error('tempFolder: used outside a test');
    return dir;
  };
}

/** `copy` predicts exactly the numbers `model` does for `x`; then frees all three. */
export function expectSamePredictions(model: LayersModel, copy: LayersModel, x: tf.Tensor): void {
  const a = model.predict(x) as tf.Tensor;
  const b = copy.predict(x) as tf.Tensor;
  expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
  tf.dispose([a, b, x]);
  model.dispose();
  copy.dispose();
}

/**
 * Fits `model` on `x`, `y`, saves it to `file` and loads it back: the copy is compiled with the
 * same optimizer class, predicts exactly the same numbers and holds the same optimizer state.
 * Frees the model, the copy and the data, and checks no tensor is left. Returns the state.
 */
export async function expectReloadsCompiled(
  model: LayersModel,
  [x, y]: [tf.Tensor, tf.Tensor],
  file: string,
  fit: { readonly epochs: number; readonly batchSize: number },
  before: number,
): Promise<number[]> {
  await model.fit(x, y, { ...fit, verbose: 0 });
  await model.save(file);
  const copy = await loadModel(file);
  expect(copy.isCompiled).toBe(true);
  expect(copy.optimizer?.getClassName()).toBe(model.optimizer?.getClassName());
  const state = optimizerState(model);
  expect(optimizerState(copy)).toEqual(state);
  expectSamePredictions(model, copy, x);
  y.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return state;
}
