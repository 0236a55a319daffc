import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValueError } from '../errors.js';
import { readRegularFile } from './read-regular-file.js';

let dir: string;
let outside: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'dendrite-read-'));
  outside = await fs.mkdtemp(path.join(tmpdir(), 'dendrite-outside-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  it('reads a regular file inside the root, byte for byte', async () => {
    const file = path.join(dir, 'w.bin');
    await fs.writeFile(file, Uint8Array.from([1, 2, 3, 250]));
    const bytes = await readRegularFile(file, { root: dir, expectedBytes: 4, maxBytes: 4 });
    expect(Array.from(bytes)).toEqual([1, 2, 3, 250]);
  });

  it('follows a link that stays inside the root', async () => {
    await fs.writeFile(path.join(dir, 'real.bin'), 'abc');
    await fs.symlink('real.bin', path.join(dir, 'link.bin'));
    const bytes = await readRegularFile(path.join(dir, 'link.bin'), { root: dir });
    expect(new TextDecoder().decode(bytes)).toBe('abc');
  });

  it('refuses a link to /dev/zero as a character device, even without a root', async () => {
    await fs.symlink('/dev/zero', path.join(dir, 'zero.bin'));
    await expect(readRegularFile(path.join(dir, 'zero.bin'))).rejects.toThrow(
      /zero\.bin is a character device; expected a regular file/,
    );
  });

  it('refuses a FIFO without opening it (no hang)', async () => {
    const fifo = path.join(dir, 'pipe.bin');
    execFileSync('mkfifo', [fifo]);
    await expect(readRegularFile(fifo, { root: dir })).rejects.toThrow(/is a FIFO/);
  });

  it('refuses a directory', async () => {
    await fs.mkdir(path.join(dir, 'sub'));
    await expect(readRegularFile(path.join(dir, 'sub'))).rejects.toThrow(/is a directory/);
  });

  it('refuses a same-size file outside the root reached through a link', async () => {
    await fs.writeFile(path.join(outside, 'secret.bin'), 'SECRET!!');
    await fs.symlink(path.join(outside, 'secret.bin'), path.join(dir, 'w.bin'));
    const error = await readRegularFile(path.join(dir, 'w.bin'), {
      root: dir,
      expectedBytes: 8,
      what: 'weights file',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toMatch(
      /^weights file .*w\.bin resolves to .*secret\.bin, outside the folder/,
    );
  });

  it('refuses a folder reached through a linked parent outside the root', async () => {
    await fs.writeFile(path.join(outside, 'w.bin'), 'abcd');
    await fs.symlink(outside, path.join(dir, 'sub'));
    await expect(readRegularFile(path.join(dir, 'sub', 'w.bin'), { root: dir })).rejects.toThrow(
      /outside the folder/,
    );
  });

  it('checks the size before reading', async () => {
    const file = path.join(dir, 'w.bin');
    await fs.writeFile(file, new Uint8Array(10));
    await expect(readRegularFile(file, { expectedBytes: 12 })).rejects.toThrow(
      /has 10 bytes; expected exactly 12/,
    );
    await expect(readRegularFile(file, { maxBytes: 9 })).rejects.toThrow(
      /has 10 bytes; expected at most 9/,
    );
  });

  it('names a missing file and bad options', async () => {
    await expect(
      readRegularFile(path.join(dir, 'nope.bin'), { what: 'model.json' }),
    ).rejects.toThrow(/model\.json .*nope\.bin cannot be opened \(ENOENT\)/);
    await expect(readRegularFile(path.join(dir, 'x'), { maxBytes: -1 })).rejects.toThrow(
      /`maxBytes` must be a non-negative integer; received -1/,
    );
  });

  it('refuses a /proc file whose reported size is not its content', async () => {
    await expect(readRegularFile('/proc/self/status')).rejects.toThrow(/more than the 0 bytes/);
  });
});
