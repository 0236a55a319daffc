import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as fx from './fixtures.js';

/** Sizes that must be refused before reading or allocating, and load errors that must not leak. */
export function sizeAndLeakCases(): fx.HostileCase[] {
  const edit =
    (change: (json: fx.Json, dir: string) => Promise<void> | void) =>
    async (dir: string): Promise<void> => {
      await fx.saveSmall(dir);
      const json = await fx.readJson(dir);
      await change(json, dir);
      await fx.writeJson(dir, json);
    };
  const size = (name: string, setup: fx.HostileCase['setup'], expect: RegExp): fx.HostileCase => ({
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
        fx.huge(json);
        const specs = json.weightsManifest[0].weights;
        json.weightsManifest[0].weights = specs.filter((s: fx.Json) => !s.group);
        json.weightsManifest[0].weights[0].shape = [20000, 20000];
        json.weightsManifest[0].weights[1].shape = [20000];
      }),
      /hold \d+ bytes but its weights manifest needs 1600080000/,
    ),
    size(
      'Dense 20000×20000, tiny manifest matching the tiny file',
      edit(fx.huge),
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
        const first = await fx.weightsOf(dir);
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
        fx.replaceWeights(dir, (f) => fs.writeFile(f, '').then(() => fs.truncate(f, 8 * 2 ** 30))),
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
        await fx.saveBackup(dir);
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
  edit: (change: (json: fx.Json) => void) => (dir: string) => Promise<void>,
): fx.HostileCase[] {
  const leak = (
    name: string,
    setup: fx.HostileCase['setup'],
    expect: RegExp,
    kind: fx.HostileCase['kind'] = 'load',
  ): fx.HostileCase => ({
    family: 'leaks',
    name,
    kind,
    setup,
    expect,
  });
  const twoLayers = (json: fx.Json) => {
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
          (w: fx.Json) => w.name === 'd/kernel/momentum',
        );
        slot.shape = [6];
      }),
      /optimizer weight "d\/kernel\/momentum" has shape \[6\] but the weight "d\/kernel" has shape \[3,2\]/,
    ),
    leak(
      'an optimizer slot with an unknown slot name',
      edit((json) => {
        json.weightsManifest[0].weights.find((w: fx.Json) => w.name === 'd/kernel/momentum').name =
          'd/kernel/evil';
      }),
      /unknown weight .*evil/,
    ),
    leak(
      'a truncated latest.ckpt',
      async (dir) => {
        await fx.saveBackup(dir);
        const file = join(dir, 'latest.ckpt');
        await fs.truncate(file, (await fs.stat(file)).size - 5);
      },
      /the backup .*latest\.ckpt is truncated or corrupt: its tensors need 32 bytes after the header; the file holds 27/,
      'restore',
    ),
  ];
}
