import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Callback } from '@dendrite/callbacks';
import { backupAndRestore } from '@dendrite/callbacks/node';
import { dense, dropout } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { sequential } from '../src/sequential.js';

let dir = '';
afterEach(async () => {
  tf.clearSeed();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const rows = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(0.7 * i), (i % 5) / 4]);
const targets = rows.map(([a, b, c]) => [(a as number) - 2 * (b as number) + (c as number)]);

/** A fresh process's view: seed, build (dropout on), compile. Plain SGD: in one process the new model's variables get new names, which optimizer slots are keyed by. */
function seededModel() {
  tf.setSeed(2024);
  const m = sequential({
    layers: [
      dense({ name: 'hidden', units: 8, inputShape: [3], activation: 'tanh' }),
      dropout({ rate: 0.3 }),
      dense({ name: 'out', units: 1 }),
    ],
  });
  m.compile({
    optimizer: { className: 'SGD', config: { learningRate: 0.05 } },
    loss: 'mse',
  });
  return m;
}

class CrashAt extends Callback {
  constructor(private readonly epoch: number) {
    super();
  }
  override onEpochEnd(epoch: number): void {
    if (epoch === this.epoch) throw new Error(`crash at epoch ${epoch}`);
  }
}

async function finalWeights(m: ReturnType<typeof seededModel>): Promise<number[]> {
  const weights = m.getWeights();
  const values = (await Promise.all(weights.map((w) => w.data()))).flatMap((d) => Array.from(d));
  tf.dispose(weights);
  return values;
}

describe('backupAndRestore with shuffling and dropout', () => {
  it('a resumed run ends with the weights of the uninterrupted one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'resume-'));
    const backupDir = join(dir, 'backup');
    const x = tf.tensor2d(rows);
    const y = tf.tensor2d(targets);
    const args = { epochs: 5, batchSize: 8, verbose: 0 as const };
    try {
      const reference = seededModel();
      await reference.fit(x, y, args);
      const expected = await finalWeights(reference);
      reference.dispose();

      // Crashes at the end of epoch 3, before its backup: the backup holds epoch 2's end.
      const crashed = seededModel();
      await expect(
        crashed.fit(x, y, {
          ...args,
          callbacks: [new CrashAt(3), backupAndRestore({ backupDir })],
        }),
      ).rejects.toThrow('crash at epoch 3');
      crashed.dispose();

      const resumed = seededModel();
      const history = await resumed.fit(x, y, {
        ...args,
        callbacks: [backupAndRestore({ backupDir })],
      });
      expect(history.epoch).toEqual([3, 4]);
      const got = await finalWeights(resumed);
      resumed.dispose();
      expect(got.length).toBe(expected.length);
      got.forEach((v, i) => {
        expect(Math.abs(v - (expected[i] as number))).toBeLessThan(1e-6);
      });
    } finally {
      tf.dispose([x, y]);
    }
  });
});
