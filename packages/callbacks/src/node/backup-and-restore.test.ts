import {
  access,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
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

  it('turns a truncated or corrupt latest.ckpt into a named error and leaks nothing', async () => {
    const backupDir = join(dir, 'cut');
    const source = new FakeModel();
    await fakeFit(source, {
      epochs: 1,
      callbacks: [backupAndRestore({ backupDir, deleteCheckpoint: false })],
    });
    source.dispose();
    const good = await readFile(join(backupDir, 'latest.ckpt'));
    const headerLength = good.readUInt32LE(0);
    const cuts: [string, Uint8Array, RegExp][] = [
      ['empty', good.subarray(0, 0), /has 0 bytes; expected at least 4/],
      ['inside the header', good.subarray(0, 10), /its header needs \d+ bytes but only 6 follow/],
      [
        'inside the tensors',
        good.subarray(0, good.length - 3),
        /tensors need \d+ bytes after the header; the file holds/,
      ],
      ['one byte too many', Buffer.concat([good, Buffer.from([0])]), /tensors need/],
      [
        'garbage header',
        Buffer.concat([
          good.subarray(0, 4),
          Buffer.alloc(headerLength, 120),
          good.subarray(4 + headerLength),
        ]),
        /its header is not JSON/,
      ],
    ];
    for (const [what, bytes, message] of cuts) {
      await writeFile(join(backupDir, 'latest.ckpt'), bytes);
      const model = new FakeModel();
      await expectNoLeak(async () => {
        await expect(
          fakeFit(model, {
            epochs: 2,
            callbacks: [backupAndRestore({ backupDir, deleteCheckpoint: false })],
          }),
          what,
        ).rejects.toThrow(message);
      });
      model.dispose();
    }
    // A header that declares the wrong byte count for a shape.
    const header = JSON.parse(good.subarray(4, 4 + headerLength).toString('utf8'));
    header.weights[0].shape = [1_000_000_000, 1_000_000_000];
    const text = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(text.length, 0);
    await writeFile(
      join(backupDir, 'latest.ckpt'),
      Buffer.concat([length, text, good.subarray(4 + headerLength)]),
    );
    const model = new FakeModel();
    await expectNoLeak(async () => {
      await expect(
        fakeFit(model, { epochs: 2, callbacks: [backupAndRestore({ backupDir })] }),
      ).rejects.toThrow(
        /weight entry 0 declares \d+ bytes; shape \[1000000000,1000000000\] of float32 needs/,
      );
    });
    model.dispose();
  });

  it('refuses a latest.ckpt that links outside the backup folder (FIFOs: test/hostile)', async () => {
    const backupDir = join(dir, 'hostile');
    await mkdir(backupDir);
    await writeFile(join(dir, 'outside.ckpt'), 'x');
    await symlink(join(dir, 'outside.ckpt'), join(backupDir, 'latest.ckpt'));
    const model = new FakeModel();
    await expect(
      fakeFit(model, { epochs: 1, callbacks: [backupAndRestore({ backupDir })] }),
    ).rejects.toThrow(/outside\.ckpt, outside the folder/);
    model.dispose();
  });

  it('removes the temporaries a killed backup write left, and writes no others', async () => {
    const backupDir = join(dir, 'leftovers');
    await mkdir(backupDir);
    // Names a killed process (pid 2^22 + 1 is above the largest pid_max Linux allows) would leave.
    const dead = 4194305;
    await writeFile(join(backupDir, `.latest.ckpt.tmp-${dead}-abcdef`), 'half');
    await writeFile(
      join(backupDir, `latest.ckpt.tmp-${dead}-1700000000000`),
      'half, earlier naming',
    );
    const model = new FakeModel();
    await fakeFit(model, {
      epochs: 1,
      callbacks: [backupAndRestore({ backupDir, deleteCheckpoint: false })],
    });
    expect(await readdir(backupDir)).toEqual(['latest.ckpt']);
    model.dispose();
  });

  it('validates backupDir', () => {
    expect(() => backupAndRestore({ backupDir: '' })).toThrow(
      'BackupAndRestore: `backupDir` must be a non-empty directory path; received ""',
    );
  });
});
