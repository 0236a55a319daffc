import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoLeak } from '@dendrite/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeModel, fakeFit } from '../../test/fake-model.js';
import { backupAndRestore } from './backup-and-restore.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backup-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('BackupAndRestore', () => {
  it('resumes a crashed run at the next epoch with weights and optimizer state', async () => {
    await expectNoLeak(async () => {
      // Reference: 4 uninterrupted epochs.
      const reference = new FakeModel();
      await fakeFit(reference, { epochs: 4 });
      const expected = reference.weightValues();
      const expectedIterations = reference.optimizer.iterations;
      reference.dispose();

      const backupDir = join(dir, 'backup');
      const crashed = new FakeModel();
      await expect(
        fakeFit(crashed, {
          epochs: 4,
          crashAtEpoch: 2,
          callbacks: [backupAndRestore({ backupDir })],
        }),
      ).rejects.toThrow('crash at epoch 2');
      crashed.dispose();
      expect(await readdir(backupDir)).toEqual(['latest.ckpt']);

      // A fresh model (zeros, no momentum) picks up after epoch 1.
      const resumed = new FakeModel();
      const callback = backupAndRestore({ backupDir });
      const history = await fakeFit(resumed, { epochs: 4, callbacks: [callback] });
      expect(history.epoch).toEqual([2, 3]);
      // Same numbers as the uninterrupted run only if the momentum slots were restored too.
      expect(resumed.weightValues()).toEqual(expected);
      expect(resumed.optimizer.iterations).toBe(expectedIterations);
      expect(await exists(backupDir)).toBe(false);
      resumed.dispose();
    });
  });

  it('keeps the backup when deleteCheckpoint is false and reports no resume on a fresh start', async () => {
    const backupDir = join(dir, 'keep');
    const model = new FakeModel();
    const callback = backupAndRestore({ backupDir, deleteCheckpoint: false });
    await fakeFit(model, { epochs: 1, callbacks: [callback] });
    expect(callback.resumeEpoch()).toBeUndefined();
    expect(await readdir(backupDir)).toEqual(['latest.ckpt']);
    model.dispose();
  });

  it('validates backupDir', () => {
    expect(() => backupAndRestore({ backupDir: '' })).toThrow(
      'BackupAndRestore: `backupDir` must be a non-empty directory path; received ""',
    );
  });
});
