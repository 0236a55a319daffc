import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTemporaries, temporaryPrefix, writeFileAtomic } from './write-file-atomic.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'dendrite-write-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A process id that is certainly not running: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary', async () => {
    const file = path.join(dir, 'latest.ckpt');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, Uint8Array.from([116, 119, 111]));
    expect(await fs.readFile(file, 'utf8')).toBe('two');
    expect(await fs.readdir(dir)).toEqual(['latest.ckpt']);
  });

  it('removes its temporary and keeps the old file when the rename fails', async () => {
    const file = path.join(dir, 'target');
    await fs.mkdir(file);
    await fs.writeFile(path.join(file, 'inside'), 'x');
    await expect(writeFileAtomic(file, 'data')).rejects.toThrow();
    expect((await fs.readdir(dir)).sort()).toEqual(['target']);
  });

  it('cleans the leftovers of a crashed writer of the same file, and only those', async () => {
    const pid = await deadPid();
    const prefix = temporaryPrefix('latest.ckpt');
    await fs.writeFile(path.join(dir, `${prefix}${pid}-abc`), 'crashed');
    await fs.writeFile(path.join(dir, `${prefix}garbage`), 'crashed, old naming');
    await fs.writeFile(path.join(dir, `${prefix}${process.pid}-live`), 'in flight');
    await fs.writeFile(path.join(dir, `${temporaryPrefix('other.ckpt')}${pid}-abc`), 'not ours');
    await writeFileAtomic(path.join(dir, 'latest.ckpt'), 'ok');
    expect((await fs.readdir(dir)).sort()).toEqual(
      [
        `${prefix}${process.pid}-live`,
        `${temporaryPrefix('other.ckpt')}${pid}-abc`,
        'latest.ckpt',
      ].sort(),
    );
  });

  it('removeStaleTemporaries ignores a missing folder', async () => {
    await expect(removeStaleTemporaries(path.join(dir, 'missing'), 'x')).resolves.toBeUndefined();
  });
});
