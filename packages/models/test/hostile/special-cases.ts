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

/** What lies outside the folder in a link case: `what` it is, how it is saved, the error. */
interface Outside {
  readonly what: string;
  readonly save: (dir: string) => Promise<void>;
  readonly expect: RegExp;
}

/**
 * `fileName` as a link to /dev/zero, as a FIFO, and as a link to a real file outside the
 * folder (saved by `outside.save`): each refused by `kind` without reading it.
 */
function linkCases(kind: HostileCase['kind'], fileName: string, outside: Outside): HostileCase[] {
  const quoted = fileName.replaceAll('.', '\\.');
  const made: [string, (file: string, out: string) => Promise<unknown>, RegExp][] = [
    [
      `${fileName} linked to /dev/zero`,
      (f) => fs.symlink('/dev/zero', f),
      new RegExp(`${quoted} resolves to /dev/zero, outside the folder`),
    ],
    [`${fileName} a FIFO`, async (f) => mkfifo(f), new RegExp(`${quoted} is a FIFO`)],
    [
      `${fileName} linked to ${outside.what} outside the folder`,
      async (f, out) => {
        await outside.save(out);
        await fs.symlink(join(out, fileName), f);
      },
      outside.expect,
    ],
  ];
  return made.map(([name, make, expect]) => ({
    family: 'special files',
    name,
    kind,
    setup: async (dir, out) => {
      await fs.mkdir(dir, { recursive: true });
      await make(join(dir, fileName), out);
    },
    expect,
  }));
}

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
  ...linkCases('load', 'model.json', {
    what: 'a model',
    save: saveSmall,
    expect: /model\.json resolves to .*, outside the folder/,
  }),
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
  ...linkCases('restore', 'latest.ckpt', {
    what: 'a backup',
    save: saveBackup,
    expect: /outside the folder/,
  }),
];
