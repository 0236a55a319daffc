import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoData } from '../data/load-data.js';
import { runDemo } from '../demo.js';
import { fastBackend, testData } from '../test-data.js';
import type { DropoutMetrics } from './dropout.js';
import type { EarlyStoppingMetrics } from './early-stopping.js';
import type { VanishingMetrics } from './vanishing.js';

let data: DemoData;
let backend: string;
let root: string;

beforeAll(async () => {
  [data, backend] = await Promise.all([testData(), fastBackend()]);
  root = await mkdtemp(join(tmpdir(), 'dendrite-experiments-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function experiment(
  name: string,
  extra: string[],
): Promise<{ metrics: unknown; out: string }> {
  const out = join(root, name);
  const outcome = await runDemo(
    ['--experiment', name, '--backend', backend, '--out', out, '--verbose', '0', ...extra],
    { data, log: () => {} },
  );
  expect(existsSync(join(out, 'report.html'))).toBe(true);
  return { metrics: outcome.metrics, out };
}

describe('--experiment vanishing', () => {
  it('gives the first sigmoid layer a gradient at least 10x smaller than ReLU at the start', async () => {
    const { metrics, out } = await experiment('vanishing', ['--subset', '600', '--epochs', '1']);
    const m = metrics as VanishingMetrics;
    const [sigmoid, relu] = m.runs;
    expect(m.layers).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `hidden_${i + 1}`),
      'output',
    ]);
    expect(sigmoid?.normsStart).toHaveLength(11);
    expect(m.firstLayerRatioStart).toBeGreaterThanOrEqual(10);
    expect(m.firstLayerRatioStart).toBeCloseTo(
      (relu?.normsStart[0] as number) / (sigmoid?.normsStart[0] as number),
      10,
    );
    // With sigmoid the norm grows from the first layer to the last: the gradient vanishes going back.
    expect(sigmoid?.normsStart[0]).toBeLessThan((sigmoid?.normsStart[10] as number) / 100);
    for (const file of [
      'gradient-norms-start.svg',
      'gradient-norms-end.svg',
      'loss-sigmoid.svg',
      'loss-relu.svg',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
  });
});

describe('--experiment dropout', () => {
  it('leaves a larger validation − training loss gap without dropout', async () => {
    const { metrics } = await experiment('dropout', ['--subset', '600', '--epochs', '10']);
    const [plain, dropped] = (metrics as DropoutMetrics).runs;
    expect(plain.gap).toHaveLength(10);
    // gap = val_loss − loss, recomputed from the logs.
    expect(plain.gap[9]).toBeCloseTo(
      (plain.logs.val_loss?.[9] as number) - (plain.logs.loss?.[9] as number),
      10,
    );
    expect(plain.finalGap).toBeGreaterThan(dropped.finalGap);
    // Without dropout 480 images are nearly memorized by epoch 10: a clearly positive gap.
    expect(plain.finalGap).toBeGreaterThan(0.05);
  });
});

describe('--experiment early-stopping', () => {
  it('restores exactly the best epoch weights, which the checkpoint also holds', async () => {
    const { metrics, out } = await experiment('early-stopping', [
      '--subset',
      '1000',
      '--epochs',
      '20',
    ]);
    const m = metrics as EarlyStoppingMetrics;
    const valLoss = m.logs.val_loss as number[];
    expect(m.stopping.bestEpoch).toBe(1 + valLoss.indexOf(Math.min(...valLoss)));
    expect(m.restoredVsBestMaxDiff).toBe(0);
    expect(m.checkpointVsBestMaxDiff).toBe(0);
    expect(m.checkpointAccuracy).toBeCloseTo(m.restoredAccuracy, 6);
    if (m.stopping.stoppedEpoch !== undefined) {
      // Patience 2: stopped two epochs after the best one, having run exactly that many epochs.
      expect(m.stopping.stoppedEpoch).toBe(m.stopping.bestEpoch + 2);
      expect(valLoss).toHaveLength(m.stopping.stoppedEpoch);
    } else {
      expect(valLoss).toHaveLength(20);
    }
    expect(existsSync(join(out, 'best-model', 'model.json'))).toBe(true);
  });
});
