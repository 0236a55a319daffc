import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { backupAndRestore } from '@dendrite/callbacks/node';
import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { sequential } from '../../src/index.js';
import { fileSystem } from '../../src/node.js';

// Fixtures of the hostile-folder cases: small saved models and backups, and JSON edits.
/** A 4 MB model (Dense 1000×1000, then 1 unit): writes long enough for a kill to land mid-write. */
export function bigModel() {
  return sequential({
    layers: [
      dense({ name: 'big', units: 1000, inputShape: [1000] }),
      dense({ name: 'out', units: 1 }),
    ],
  });
}

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
export type Json = Record<string, any>;

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

export async function replaceWeights(
  dir: string,
  link: (file: string) => Promise<void>,
): Promise<void> {
  await saveSmall(dir);
  const file = await weightsOf(dir);
  await fs.rm(file);
  await link(file);
}

export const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

/** Sets Dense `units` and the input width to 20000: a 1.6 GB kernel if it were allocated. */
export function huge(json: Json): void {
  const layer = json.modelTopology.config.layers[0].config;
  layer.units = 20000;
  layer.batch_input_shape = [null, 20000];
  delete json.trainingConfig;
}
