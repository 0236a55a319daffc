import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { backupAndRestore } from '@dendrite/callbacks/node';
import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { sequential } from '../../src/index.js';
import { fileSystem } from '../../src/node.js';

/** The families the issue counts cases in. */
export type Family = 'special files' | 'size before allocate' | 'leaks';

/** One hostile folder: how to make it, which reader meets it, and the error expected. */
export interface HostileCase {
  readonly family: Family;
  readonly name: string;
  /** `load`: `loadModel(fileSystem(dir))`; `restore`: `backupAndRestore` reading `dir`. */
  readonly kind: 'load' | 'restore';
  readonly setup: (dir: string, outside: string) => Promise<void>;
  /** The error message expected, or `'ok'` for a folder that must load. */
  readonly expect: RegExp | 'ok';
}

// biome-ignore lint/suspicious/noExplicitAny: the cases edit arbitrary, deliberately broken JSON.
type Json = Record<string, any>;

/** Saves a 3→2 Dense model (32 bytes of weights), compiled with Adam and trained one step. */
export async function saveSmall(dir: string): Promise<void> {
  const m = sequential({ layers: [dense({ name: 'd', units: 2, inputShape: [3] })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const x = tf.ones([1, 3]);
  const y = tf.ones([1, 2]);
  await m.fit(x, y, { epochs: 1, verbose: 0 });
  await m.save(fileSystem(dir), { includeOptimizer: true });
  tf.dispose([x, y]);
  m.dispose();
}

/** Writes a good `latest.ckpt` for the child's 3→2 model into `dir`. */
export async function saveBackup(dir: string): Promise<void> {
  const m = sequential({ layers: [dense({ name: 'd', units: 2, inputShape: [3] })] });
  const callback = backupAndRestore({ backupDir: dir, deleteCheckpoint: false });
  callback.setModel(m);
  await callback.onEpochEnd(0);
  m.dispose();
}

export const readJson = async (dir: string): Promise<Json> =>
  JSON.parse(await fs.readFile(join(dir, 'model.json'), 'utf8'));
export const writeJson = (dir: string, json: unknown): Promise<void> =>
  fs.writeFile(join(dir, 'model.json'), JSON.stringify(json));

/** The one weights file a small save wrote. */
export async function weightsOf(dir: string): Promise<string> {
  return join(dir, (await readJson(dir)).weightsManifest[0].paths[0]);
}

async function replaceWeights(dir: string, link: (file: string) => Promise<void>): Promise<void> {
  await saveSmall(dir);
  const file = await weightsOf(dir);
  await fs.rm(file);
  await link(file);
}

const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

/** Sets Dense `units` and the input width to 20000: a 1.6 GB kernel if it were allocated. */
function huge(json: Json): void {
  const layer = json.modelTopology.config.layers[0].config;
  layer.units = 20000;
  layer.batch_input_shape = [null, 20000];
  delete json.trainingConfig;
}

export const HOSTILE_CASES: readonly HostileCase[] = [
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
  ...SIZE_CASES(),
];

function SIZE_CASES(): HostileCase[] {
  const edit =
    (change: (json: Json, dir: string) => Promise<void> | void) =>
    async (dir: string): Promise<void> => {
      await saveSmall(dir);
      const json = await readJson(dir);
      await change(json, dir);
      await writeJson(dir, json);
    };
  const size = (name: string, setup: HostileCase['setup'], expect: RegExp): HostileCase => ({
    family: 'size before allocate',
    name,
    kind: 'load',
    setup,
    expect,
  });
  return [
    size(
      'Dense 20000×20000, honest manifest, tiny weights file',
      edit((json) => {
        huge(json);
        const specs = json.weightsManifest[0].weights;
        json.weightsManifest[0].weights = specs.filter((s: Json) => !s.group);
        json.weightsManifest[0].weights[0].shape = [20000, 20000];
        json.weightsManifest[0].weights[1].shape = [20000];
      }),
      /hold \d+ bytes but its weights manifest needs 1600080000/,
    ),
    size(
      'Dense 20000×20000, tiny manifest matching the tiny file',
      edit(huge),
      /the config gives "d\/kernel" shape \[20000,20000\] but the weights manifest has \[3,2\]/,
    ),
    size(
      'one weights file listed 1,500 times',
      edit((json) => {
        const path = json.weightsManifest[0].paths[0];
        json.weightsManifest[0].paths = Array.from({ length: 1500 }, () => path);
      }),
      /lists the weights file .* more than once/,
    ),
    size(
      'one weights file listed 1,500 times under different spellings',
      edit((json) => {
        const name = json.weightsManifest[0].paths[0].slice(2);
        json.weightsManifest[0].paths = Array.from(
          { length: 1500 },
          (_, i) => `${'./'.repeat(i + 1)}${name}`,
        );
      }),
      /more than once/,
    ),
    size(
      'hard links of one weights file listed 1,500 times',
      edit(async (json, dir) => {
        const first = await weightsOf(dir);
        const paths = [json.weightsManifest[0].paths[0]];
        for (let i = 1; i < 1500; i++) {
          await fs.link(first, join(dir, `w${i}.bin`));
          paths.push(`w${i}.bin`);
        }
        json.weightsManifest[0].paths = paths;
      }),
      /more than once \(under another name or link\)/,
    ),
    size(
      'an 8 GiB sparse weights file for a 32-byte manifest',
      async (dir) =>
        replaceWeights(dir, (f) => fs.writeFile(f, '').then(() => fs.truncate(f, 8 * 2 ** 30))),
      /hold 8589934592 bytes but its weights manifest needs/,
    ),
    size(
      'a 1 GiB sparse model.json',
      async (dir) => {
        await fs.mkdir(dir, { recursive: true });
        await fs.writeFile(join(dir, 'model.json'), '');
        await fs.truncate(join(dir, 'model.json'), 2 ** 30);
      },
      /model\.json has 1073741824 bytes; expected at most 67108864/,
    ),
    size(
      'a model.json nested 1,000,000 levels deep',
      async (dir) => {
        await fs.mkdir(dir, { recursive: true });
        const deep = `{"modelTopology":${'['.repeat(1e6)}${']'.repeat(1e6)}}`;
        await fs.writeFile(join(dir, 'model.json'), deep);
      },
      /nests deeper than 100 levels/,
    ),
    size(
      'weightsManifest: [null]',
      edit((json) => {
        json.weightsManifest = [null];
      }),
      /malformed `weightsManifest\[0\]`: expected \{paths: \[...\], weights: \[...\]\}; received null/,
    ),
    size(
      'a weight of shape [2^40, 2^40]',
      edit((json) => {
        json.weightsManifest[0].weights[0].shape = [2 ** 40, 2 ** 40];
      }),
      /too large to load/,
    ),
    {
      family: 'size before allocate',
      name: 'latest.ckpt declaring a [1e9, 1e9] weight',
      kind: 'restore',
      setup: async (dir) => {
        await saveBackup(dir);
        const file = join(dir, 'latest.ckpt');
        const data = await fs.readFile(file);
        const length = data.readUInt32LE(0);
        const header = JSON.parse(data.subarray(4, 4 + length).toString('utf8'));
        header.weights[0].shape = [1e9, 1e9];
        const text = Buffer.from(JSON.stringify(header));
        const prefix = Buffer.alloc(4);
        prefix.writeUInt32LE(text.length, 0);
        await fs.writeFile(file, Buffer.concat([prefix, text, data.subarray(4 + length)]));
      },
      expect: /weight entry 0 declares 24 bytes; shape \[1000000000,1000000000\] of float32 needs/,
    },
    ...LEAK_CASES(edit),
  ];
}

function LEAK_CASES(
  edit: (change: (json: Json) => void) => (dir: string) => Promise<void>,
): HostileCase[] {
  const leak = (
    name: string,
    setup: HostileCase['setup'],
    expect: RegExp,
    kind: HostileCase['kind'] = 'load',
  ): HostileCase => ({
    family: 'leaks',
    name,
    kind,
    setup,
    expect,
  });
  const twoLayers = (json: Json) => {
    const layers = json.modelTopology.config.layers;
    layers.push({ class_name: 'Evil', config: { name: 'evil' } });
  };
  return [
    leak(
      'an unknown layer class after a built layer',
      edit(twoLayers),
      /Unknown layer class "Evil"/,
    ),
    leak(
      'an optimizer slot of the wrong shape',
      edit((json) => {
        const slot = json.weightsManifest[0].weights.find(
          (w: Json) => w.name === 'd/kernel/momentum',
        );
        slot.shape = [6];
      }),
      /optimizer weight "d\/kernel\/momentum" has shape \[6\] but the weight "d\/kernel" has shape \[3,2\]/,
    ),
    leak(
      'an optimizer slot with an unknown slot name',
      edit((json) => {
        json.weightsManifest[0].weights.find((w: Json) => w.name === 'd/kernel/momentum').name =
          'd/kernel/evil';
      }),
      /unknown weight .*evil/,
    ),
    leak(
      'a truncated latest.ckpt',
      async (dir) => {
        await saveBackup(dir);
        const file = join(dir, 'latest.ckpt');
        await fs.truncate(file, (await fs.stat(file)).size - 5);
      },
      /the backup .*latest\.ckpt is truncated or corrupt: its tensors need 32 bytes after the header; the file holds 27/,
      'restore',
    ),
  ];
}
