import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeModel, fakeFit } from '../test/fake-model.js';
import { lambdaCallback } from './lambda-callback.js';
import { ModelCheckpoint, type ModelCheckpointArgs, modelCheckpoint } from './model-checkpoint.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ckpt-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Fake fit whose `save` writes the current weights as JSON at the path. */
async function run(
  valLoss: number[],
  args: Omit<ModelCheckpointArgs, 'filepath'>,
  template: string,
) {
  const model = new FakeModel();
  model.onSave = (call) => writeFile(call.path, JSON.stringify(call.weights));
  const weightsAtEnd: number[][][] = [];
  const checkpoint = modelCheckpoint({ filepath: join(dir, template), ...args });
  await fakeFit(model, {
    epochs: valLoss.length,
    callbacks: [
      lambdaCallback({ onEpochEnd: () => void weightsAtEnd.push(model.weightValues()) }),
      checkpoint,
    ],
    epochLogs: (epoch) => ({ val_loss: valLoss[epoch] as number }),
  });
  const saved = model.saved;
  model.dispose();
  return { checkpoint, saved, weightsAtEnd };
}

describe('ModelCheckpoint', () => {
  it('saveBestOnly keeps only improvements; a fixed path ends with the best epoch', async () => {
    await expectNoLeak(async () => {
      // val_loss 1, 0.8, 0.9, 0.7, 0.75 -> improvements at epochs 0, 1, 3.
      const { saved, weightsAtEnd } = await run(
        [1, 0.8, 0.9, 0.7, 0.75],
        { saveBestOnly: true },
        'best',
      );
      expect(saved.map((s) => s.path)).toEqual([
        join(dir, 'best'),
        join(dir, 'best'),
        join(dir, 'best'),
      ]);
      expect(await readdir(dir)).toEqual(['best']);
      expect(JSON.parse(await readFile(join(dir, 'best'), 'utf8'))).toEqual(weightsAtEnd[3]);
      expect(saved[0]?.includeOptimizer).toBe(true);
    });
  });

  it('fills Keras templates with the 1-based epoch and the logs', async () => {
    const { saved } = await run(
      [1, 0.8, 0.9, 0.7, 0.75],
      { saveBestOnly: true },
      'ckpt-{epoch:02d}-{val_loss:.2f}',
    );
    expect((await readdir(dir)).sort()).toEqual(['ckpt-01-1.00', 'ckpt-02-0.80', 'ckpt-04-0.70']);
    expect(saved).toHaveLength(3);
  });

  it('saves every epoch without saveBestOnly, weights only when asked', async () => {
    const { saved } = await run([1, 0.8, 0.9], { saveWeightsOnly: true }, 'w-{epoch}');
    expect((await readdir(dir)).sort()).toEqual(['w-1', 'w-2', 'w-3']);
    expect(saved.every((s) => s.includeOptimizer === false)).toBe(true);
  });

  it('starts from initialValueThreshold and maximizes accuracy-like metrics', async () => {
    // threshold 0.85: 1 no, 0.8 yes, 0.9 no.
    const { saved } = await run(
      [1, 0.8, 0.9],
      { saveBestOnly: true, initialValueThreshold: 0.85 },
      'm-{epoch}',
    );
    expect(saved.map((s) => s.path)).toEqual([join(dir, 'm-2')]);
    const max = modelCheckpoint({ filepath: 'x', monitor: 'val_accuracy', saveBestOnly: true });
    expect([max.direction, max.best]).toEqual(['max', -Infinity]);
  });

  it('saves every saveFreq batches, counting across epochs as Keras does', async () => {
    // 4 batches per epoch, saveFreq 3: global batches 3 and 6 -> (epoch 1, batch 3), (epoch 2, batch 2).
    const { saved, checkpoint } = await run([1, 0.8], { saveFreq: 3 }, 'b-{epoch}-{batch}');
    expect(checkpoint.batchLogsEvery).toBe(3);
    expect(saved.map((s) => s.path)).toEqual([join(dir, 'b-1-3'), join(dir, 'b-2-2')]);
  });

  it('warns and skips when the monitored metric is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = new FakeModel();
    const checkpoint = modelCheckpoint({ filepath: 'm', saveBestOnly: true });
    await fakeFit(model, { epochs: 1, callbacks: [checkpoint] });
    expect(model.saved).toEqual([]);
    expect(warn.mock.calls[0]?.[0]).toMatch(/`val_loss` available; skipping \(available: loss\)/);
    model.dispose();
  });

  it('validates its arguments', () => {
    expect(() => modelCheckpoint({ filepath: '' })).toThrow(
      'ModelCheckpoint: `filepath` must be a non-empty path or URL; received ""',
    );
    expect(() => modelCheckpoint({ filepath: 'a', saveFreq: 0 })).toThrow(
      "ModelCheckpoint: `saveFreq` must be 'epoch' or a positive integer; received 0",
    );
    expect(() => modelCheckpoint({ filepath: 'a', initialValueThreshold: Number.NaN })).toThrow(
      'ModelCheckpoint: `initialValueThreshold` must be a finite number; received NaN',
    );
  });

  it('refuses unknown and prototype template keys at construction, naming the known ones', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'foo', 'epoch.x', 'epoch[0]', '']) {
      let error: unknown;
      try {
        modelCheckpoint({ filepath: `ckpt-{${key}}` });
      } catch (e) {
        error = e;
      }
      expect(error, key).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(`template field {${key}} is not a known key`);
      expect((error as Error).message).toContain('known: epoch, batch, val_loss');
    }
    expect(() => modelCheckpoint({ filepath: 'ckpt-{epoch:zz}' })).toThrow(
      /`filepath` template is invalid: Invalid format specifier 'zz' for `epoch`/,
    );
  });

  it('accepts Keras log keys: val_, output prefixes, numbered metrics, the monitor, camelCase', () => {
    for (const filepath of [
      'm-{epoch:02d}-{val_loss:.2f}',
      'm-{batch}-{loss:.4f}-{accuracy}',
      'm-{val_sparse_categorical_accuracy:.3f}-{dense_1_loss}-{accuracy_1}',
      'm-{meanSquaredError}-{{literal}}',
    ]) {
      expect(modelCheckpoint({ filepath }).filepath).toBe(filepath);
    }
    expect(modelCheckpoint({ filepath: 'm-{my_score}', monitor: 'val_my_score' }).filepath).toBe(
      'm-{my_score}',
    );
  });
});

describe('ModelCheckpoint Keras file paths (Keras 3 rules)', () => {
  it('accepts .keras for whole models and .weights.h5 with saveWeightsOnly', () => {
    expect(() => new ModelCheckpoint({ filepath: 'best-model.keras' })).not.toThrow();
    expect(
      () => new ModelCheckpoint({ filepath: 'ckpt-{epoch:02d}.weights.h5', saveWeightsOnly: true }),
    ).not.toThrow();
    expect(() => new ModelCheckpoint({ filepath: 'ckpt/model-{epoch}' })).not.toThrow();
  });

  it('refuses a weights-only Keras path not ending in .weights.h5, and a whole-model .h5', () => {
    expect(() => new ModelCheckpoint({ filepath: 'best.keras', saveWeightsOnly: true })).toThrow(
      /with saveWeightsOnly, a Keras file path must end in "\.weights\.h5"; received "best\.keras"/,
    );
    expect(() => new ModelCheckpoint({ filepath: 'best.h5' })).toThrow(
      /a whole-model Keras file path must end in "\.keras".*received "best\.h5"/,
    );
  });
});
