// Shared helpers of the end-to-end tests: save/load round trips, the summary's
// parameter counts, the per-epoch leak guard and the tfjs-layers interop checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Callback, type History } from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { type LayersModel, loadModel, type ModelFitArgs } from '../src/index.js';
import { registerFileSystem } from '../src/node.js';

/** Saves through an in-memory handler and returns the artifacts. */
export async function artifactsOf(
  m: { save(h: tf.io.IOHandler, o?: object): Promise<unknown> },
  options: object = {},
): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await m.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    options,
  );
  if (!saved) throw new Error('save wrote nothing');
  return saved;
}

/** The model's outputs for `x` as plain numbers (one array per output). */
export function predictValues(
  m: { predict(x: tf.Tensor | tf.Tensor[]): unknown },
  x: tf.Tensor | tf.Tensor[],
): number[][] {
  const out = m.predict(x) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(out) ? out : [out];
  const values = list.map((t) => Array.from(t.dataSync()));
  tf.dispose(list);
  return values;
}

function expectSame(actual: number[][], expected: number[][], atol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((values, i) => {
    expectClose(values, expected[i] as number[], { rtol: 0, atol });
  });
}

/**
 * Saves `m` in memory and to a temp folder through `file://`, loads both back and checks the
 * copies predict exactly the same numbers as the original.
 */
export async function expectRoundTrips(m: LayersModel, x: tf.Tensor | tf.Tensor[]): Promise<void> {
  const expected = predictValues(m, x);
  const fromMemory = await loadModel(tf.io.fromMemory(await artifactsOf(m)));
  try {
    expect(fromMemory.getConfig()).toEqual(m.getConfig());
    expectSame(predictValues(fromMemory, x), expected, 0);
  } finally {
    fromMemory.dispose();
  }
  registerFileSystem();
  const dir = mkdtempSync(join(tmpdir(), 'dendrite-e2e-'));
  try {
    await m.save(`file://${dir}`);
    const fromFile = await loadModel(`file://${dir}/model.json`);
    try {
      expectSame(predictValues(fromFile, x), expected, 0);
    } finally {
      fromFile.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A model as both libraries see it: predicts, saves and frees. */
interface AnyModel {
  predict(x: tf.Tensor | tf.Tensor[]): unknown;
  save(h: tf.io.IOHandler, o?: object): Promise<unknown>;
  dispose(): void;
}

/**
 * Saves `from` in memory, frees it, loads the artifacts with `load` and checks the copy predicts
 * the same numbers (to `atol`). `from` goes first because tfjs keeps one global table of
 * variable names, which tfjs-layers does not consult when naming its own.
 */
async function expectMoves(
  from: AnyModel,
  load: (handler: tf.io.IOHandler) => Promise<AnyModel>,
  x: tf.Tensor | tf.Tensor[],
  atol: number,
): Promise<void> {
  const expected = predictValues(from, x);
  const artifacts = await artifactsOf(from);
  from.dispose();
  const copy = await load(tf.io.fromMemory(artifacts));
  try {
    expectSame(predictValues(copy, x), expected, atol);
  } finally {
    copy.dispose();
  }
}

/** Our saved model loads in tfjs-layers and predicts the same numbers (to `atol`); frees `m`. */
export function expectLoadsInTfjsLayers(
  m: LayersModel,
  x: tf.Tensor | tf.Tensor[],
  atol = 1e-5,
): Promise<void> {
  return expectMoves(m, (handler) => tfl.loadLayersModel(handler), x, atol);
}

/** A model saved with tfjs-layers loads in ours and predicts the same numbers; frees `theirs`. */
export function expectLoadsFromTfjsLayers(
  theirs: tfl.LayersModel,
  x: tf.Tensor | tf.Tensor[],
  atol = 1e-5,
): Promise<void> {
  return expectMoves(theirs, (handler) => loadModel(handler), x, atol);
}

/** The total, trainable and non-trainable parameter counts printed by `summary`. */
export function summaryCounts(m: LayersModel): {
  total: number;
  trainable: number;
  nonTrainable: number;
} {
  const lines: string[] = [];
  m.summary(undefined, undefined, (line) => lines.push(line));
  const read = (label: string): number => {
    const line = lines.find((l) => l.startsWith(`${label}: `));
    if (!line) throw new Error(`summary has no "${label}" line:\n${lines.join('\n')}`);
    return Number(line.slice(label.length + 2).replaceAll(',', ''));
  };
  return {
    total: read('Total params'),
    trainable: read('Trainable params'),
    nonTrainable: read('Non-trainable params'),
  };
}

/** Records `tf.memory().numTensors` at the end of every epoch. */
class TensorCount extends Callback {
  readonly counts: number[] = [];

  override onEpochEnd(): void {
    this.counts.push(tf.memory().numTensors);
  }
}

/** Every epoch after the first (which makes the optimizer's slots) ends with the same count. */
function expectSteadyTensorCount(counter: TensorCount): void {
  expect(counter.counts.length).toBeGreaterThan(2);
  const steady = counter.counts.slice(1);
  expect(steady, `tensor counts per epoch: ${counter.counts.join(', ')}`).toEqual(
    steady.map(() => steady[0]),
  );
}

/**
 * `m.fit` without logging, counting tensors at each epoch's end: every epoch after the first
 * (which makes the optimizer's slots) must end with the same count. Returns the history.
 */
export async function fitSteadily(
  m: LayersModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
  args: Omit<ModelFitArgs, 'verbose' | 'callbacks'>,
): Promise<History> {
  const counter = new TensorCount();
  const history = await m.fit(x, y, { ...args, verbose: 0, callbacks: counter });
  expectSteadyTensorCount(counter);
  return history;
}

/**
 * {@link expectRoundTrips}, then {@link expectLoadsInTfjsLayers} (which frees `m`): our files
 * load in ours and in tfjs-layers with the same predictions.
 */
export async function expectPortable(m: LayersModel, x: tf.Tensor | tf.Tensor[]): Promise<void> {
  await expectRoundTrips(m, x);
  await expectLoadsInTfjsLayers(m, x);
}
