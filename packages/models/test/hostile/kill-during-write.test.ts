import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupAndRestore } from '@dendrite/callbacks/node';
import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, sequential } from '../../src/index.js';
import { fileSystem } from '../../src/node.js';
import { bundleChild, startChild, whenReady } from './run-child.js';

// A child saves (or backs up) a 4 MB model in a loop and is SIGKILLed at a moment spread over
// several write cycles. After each kill the folder must still hold a loadable model (the old or
// the new one), and the next successful write must leave nothing else behind.

let bundle: { file: string; cleanup(): void };
const work = mkdtempSync(join(tmpdir(), 'dendrite-kill-'));
beforeAll(async () => {
  bundle = await bundleChild();
});
afterAll(() => {
  bundle?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** Kill delays after `ready`, in ms: deterministic, spread over 0–140 ms (several saves). */
const delay = (trial: number) => (trial * 37) % 141;

async function killDuring(kind: 'save-loop' | 'backup-loop', folder: string, trial: number) {
  const child = startChild(bundle.file, [kind, folder]);
  const ended = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_, s) => resolve(s)),
  );
  await whenReady(child);
  await new Promise((resolve) => setTimeout(resolve, delay(trial)));
  child.kill('SIGKILL');
  return ended;
}

function bigModel() {
  return sequential({
    layers: [
      dense({ name: 'big', units: 1000, inputShape: [1000] }),
      dense({ name: 'out', units: 1 }),
    ],
  });
}

describe('SIGKILL during writes', () => {
  it('30 kills during model.save: always loadable, and the next save leaves only model.json + weights', async () => {
    const folder = join(work, 'model');
    const writer = bigModel();
    await writer.save(fileSystem(folder));
    let leftBehind = 0;
    for (let trial = 0; trial < 30; trial++) {
      expect(await killDuring('save-loop', folder, trial)).toBe('SIGKILL');
      const names = readdirSync(folder);
      if (names.length > 2) leftBehind++;
      const loaded = await loadModel(fileSystem(folder));
      expect(loaded.countParams()).toBe(1000 * 1000 + 1000 + 1000 + 1);
      loaded.dispose();
      await writer.save(fileSystem(folder));
      // Exactly model.json and the one weights file it lists: no temporary, no orphan.
      const listed = JSON.parse(
        readFileSync(join(folder, 'model.json'), 'utf8'),
      ).weightsManifest[0].paths[0].replace(/^\.\//, '');
      const after = readdirSync(folder).sort();
      expect(after, `trial ${trial}`).toEqual(['model.json', listed].sort());
    }
    writer.dispose();
    console.log(
      `kill during model.save: tried 30, left leftovers before the next save in ${leftBehind}, clean after it in 30`,
    );
    // The kills must really land mid-save: otherwise this test proves nothing.
    expect(leftBehind).toBeGreaterThan(0);
  }, 120_000);

  it('10 kills during backups: the backup always restores, and the next backup leaves only latest.ckpt', async () => {
    const folder = join(work, 'backup');
    const model = bigModel();
    const callback = backupAndRestore({ backupDir: folder, deleteCheckpoint: false });
    callback.setModel(model);
    await callback.onEpochEnd(0);
    let leftBehind = 0;
    for (let trial = 0; trial < 10; trial++) {
      expect(await killDuring('backup-loop', folder, trial)).toBe('SIGKILL');
      if (readdirSync(folder).length > 1) leftBehind++;
      const before = tf.memory().numTensors;
      await callback.onTrainBegin();
      expect(tf.memory().numTensors).toBe(before);
      expect(callback.resumeEpoch()).toBeGreaterThan(0);
      await callback.onEpochEnd(trial);
      expect(readdirSync(folder)).toEqual(['latest.ckpt']);
    }
    model.dispose();
    console.log(
      `kill during backups: tried 10, left leftovers before the next backup in ${leftBehind}, clean after it in 10`,
    );
  }, 120_000);
});
