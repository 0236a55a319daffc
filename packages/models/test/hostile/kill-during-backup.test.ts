import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { backupAndRestore } from '@dendrite/callbacks/node';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { bigModel } from './fixtures.js';
import { childHarness, killDuring } from './run-child.js';

// A child backs up a 4 MB model in a loop (as at every epoch end) and is SIGKILLed at a moment
// spread over several writes. After each kill the backup must restore, leaking nothing, and the
// next successful backup must leave only latest.ckpt.

const { work, file } = childHarness('dendrite-kill-');

describe('SIGKILL during backups', () => {
  it('10 kills during backups: the backup always restores, and the next backup leaves only latest.ckpt', async () => {
    const folder = join(work, 'backup');
    const model = bigModel();
    const callback = backupAndRestore({ backupDir: folder, deleteCheckpoint: false });
    callback.setModel(model);
    await callback.onEpochEnd(0);
    let leftBehind = 0;
    for (let trial = 0; trial < 10; trial++) {
      expect(await killDuring(file(), 'backup-loop', folder, trial)).toBe('SIGKILL');
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
