import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  type HostileCase,
  mkfifo,
  readJson,
  replaceWeights,
  saveBackup,
  saveSmall,
  weightsOf,
  writeJson,
} from './fixtures.js';

/** Links, FIFOs, devices and folders where a file should be. */
export const SPECIAL_FILE_CASES: readonly HostileCase[] = [
  // Links and special files.
  ...(
    [
      [
        'weights linked to /dev/zero',
        (f) => fs.symlink('/dev/zero', f),
        /resolves to \/dev\/zero, outside the folder/,
      ],
      [
        'weights linked to /dev/urandom',
        (f) => fs.symlink('/dev/urandom', f),
        /resolves to \/dev\/urandom, outside the folder/,
      ],
      [
        'weights a FIFO',
        async (f) => mkfifo(f),
        /is a FIFO \(named pipe\); expected a regular file/,
      ],
      ['weights a directory', (f) => fs.mkdir(f), /is a directory; expected a regular file/],
      [
        'weights a dangling link',
        (f) => fs.symlink('/nonexistent/x.bin', f),
        /cannot be opened \(ENOENT\)/,
      ],
      [
        'weights linked to /proc/self/environ',
        (f) => fs.symlink('/proc/self/environ', f),
        /outside the folder/,
      ],
    ] as [string, (file: string) => Promise<void>, RegExp][]
  ).map(
    ([name, link, expect]): HostileCase => ({
      family: 'special files',
      name,
      kind: 'load',
      setup: (dir) => replaceWeights(dir, link),
      expect,
    }),
  ),
  {
    family: 'special files',
    name: 'weights linked to a same-size file outside the folder',
    kind: 'load',
    setup: async (dir, outside) => {
      await saveSmall(dir);
      const file = await weightsOf(dir);
      await fs.writeFile(
        join(outside, 'secret.bin'),
        new Uint8Array(await fs.readFile(file)).fill(7),
      );
      await fs.rm(file);
      await fs.symlink(join(outside, 'secret.bin'), file);
    },
    expect: /secret\.bin, outside the folder/,
  },
  {
    family: 'special files',
    name: 'weights in a linked subfolder that lies outside',
    kind: 'load',
    setup: async (dir, outside) => {
      await saveSmall(dir);
      const file = await weightsOf(dir);
      await fs.rename(file, join(outside, 'w.bin'));
      await fs.symlink(outside, join(dir, 'sub'));
      const json = await readJson(dir);
      json.weightsManifest[0].paths = ['sub/w.bin'];
      await writeJson(dir, json);
    },
    expect: /outside the folder/,
  },
  ...(
    [
      [
        'model.json linked to /dev/zero',
        (f) => fs.symlink('/dev/zero', f),
        /model\.json resolves to \/dev\/zero, outside the folder/,
      ],
      ['model.json a FIFO', async (f) => mkfifo(f), /model\.json is a FIFO/],
    ] as [string, (file: string) => Promise<void>, RegExp][]
  ).map(
    ([name, make, expect]): HostileCase => ({
      family: 'special files',
      name,
      kind: 'load',
      setup: async (dir) => {
        await fs.mkdir(dir, { recursive: true });
        await make(join(dir, 'model.json'));
      },
      expect,
    }),
  ),
  {
    family: 'special files',
    name: 'model.json linked to a model outside the folder',
    kind: 'load',
    setup: async (dir, outside) => {
      await saveSmall(outside);
      await fs.mkdir(dir, { recursive: true });
      await fs.symlink(join(outside, 'model.json'), join(dir, 'model.json'));
    },
    expect: /model\.json resolves to .*, outside the folder/,
  },
  {
    family: 'special files',
    name: 'a model folder that is itself a link (allowed)',
    kind: 'load',
    setup: async (dir, outside) => {
      await saveSmall(join(outside, 'real'));
      await fs.symlink(join(outside, 'real'), dir);
    },
    expect: 'ok',
  },
  ...(
    [
      [
        'latest.ckpt linked to /dev/zero',
        (f) => fs.symlink('/dev/zero', f),
        /latest\.ckpt resolves to \/dev\/zero, outside the folder/,
      ],
      ['latest.ckpt a FIFO', async (f) => mkfifo(f), /latest\.ckpt is a FIFO/],
    ] as [string, (file: string) => Promise<void>, RegExp][]
  ).map(
    ([name, make, expect]): HostileCase => ({
      family: 'special files',
      name,
      kind: 'restore',
      setup: async (dir) => {
        await fs.mkdir(dir, { recursive: true });
        await make(join(dir, 'latest.ckpt'));
      },
      expect,
    }),
  ),
  {
    family: 'special files',
    name: 'latest.ckpt linked to a backup outside the folder',
    kind: 'restore',
    setup: async (dir, outside) => {
      await saveBackup(outside);
      await fs.mkdir(dir, { recursive: true });
      await fs.symlink(join(outside, 'latest.ckpt'), join(dir, 'latest.ckpt'));
    },
    expect: /outside the folder/,
  },
];
