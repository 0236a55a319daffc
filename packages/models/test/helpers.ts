// Shared helpers of the end-to-end tests: ownership, save/load round trips, the summary's
// parameter counts, the per-epoch leak guard and the tfjs-layers interop checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Callback } from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { type LayersModel, loadModel } from '../src/index.js';
import { registerFileSystem } from '../src/node.js';

/** Things a test made and frees afterwards. */
export class Owned {
  private readonly items: { dispose(): void }[] = [];

  own<T extends { dispose(): void }>(item: T): T {
    this.items.push(item);
    return item;
  }

  disposeAll(): void {
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}

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

/**
 * Our saved model loads in tfjs-layers and predicts the same numbers (to `atol`). Frees `m`
 * first: tfjs-layers names its variables without looking at tfjs' global table of variable
 * names, so a live model of ours with the same layer names makes it throw "already registered".
 */
export async function expectLoadsInTfjsLayers(
  m: LayersModel,
  x: tf.Tensor | tf.Tensor[],
  atol = 1e-5,
): Promise<void> {
  const expected = predictValues(m, x);
  const artifacts = await artifactsOf(m);
  m.dispose();
  const theirs = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  try {
    expectSame(predictValues(theirs, x), expected, atol);
  } finally {
    theirs.dispose();
  }
}

/**
 * A tfjs-layers model saved with tfjs-layers loads in ours and predicts the same numbers. The
 * tfjs-layers model is freed before ours loads: tfjs keeps one global table of variable names.
 */
export async function expectLoadsFromTfjsLayers(
  theirs: tfl.LayersModel,
  x: tf.Tensor | tf.Tensor[],
  atol = 1e-5,
): Promise<void> {
  const expected = predictValues(theirs, x);
  const artifacts = await artifactsOf(theirs);
  theirs.dispose();
  const ours = await loadModel(tf.io.fromMemory(artifacts));
  try {
    expectSame(predictValues(ours, x), expected, atol);
  } finally {
    ours.dispose();
  }
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
export class TensorCount extends Callback {
  readonly counts: number[] = [];

  override onEpochEnd(): void {
    this.counts.push(tf.memory().numTensors);
  }
}

/** Every epoch after the first (which makes the optimizer's slots) ends with the same count. */
export function expectSteadyTensorCount(counter: TensorCount): void {
  expect(counter.counts.length).toBeGreaterThan(2);
  const steady = counter.counts.slice(1);
  expect(steady, `tensor counts per epoch: ${counter.counts.join(', ')}`).toEqual(
    steady.map(() => steady[0]),
  );
}
