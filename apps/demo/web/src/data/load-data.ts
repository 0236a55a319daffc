import * as dd from 'dendrite';
import { FASHION_CLASS_NAMES } from '../../../src/shared/class-names.js';
import { decodeFashionBin, type FashionSplit } from './fashion-bin.js';

/** Fashion-MNIST's ten classes, by label (shared with the Node demo). */
export const CLASS_NAMES = FASHION_CLASS_NAMES;

/** Both splits as the page keeps them: bytes on the host, turned into tensors per run. */
export interface FashionData {
  readonly train: FashionSplit;
  readonly test: FashionSplit;
  /** Which data this is, as `prepare:data` recorded it. */
  readonly source: string;
}

async function fetchSource(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) return 'Fashion-MNIST (source not recorded: rerun `prepare:data`)';
  const { source } = (await response.json()) as { source?: unknown };
  return typeof source === 'string' ? source : 'Fashion-MNIST (source not recorded)';
}

async function fetchSplit(url: string): Promise<FashionSplit> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(
      `${url}: HTTP ${response.status}. Run \`pnpm --filter @dendrite/demo prepare:data\` to write the data files.`,
    );
  }
  return decodeFashionBin(await response.arrayBuffer());
}

/**
 * Loads the two binaries written by `scripts/prepare-data.ts` from `base` (the page's `data/`).
 * @example const { train, test } = await loadFashionData();
 */
export async function loadFashionData(base = './data/'): Promise<FashionData> {
  const [train, test, source] = await Promise.all([
    fetchSplit(`${base}fashion-mnist-train.bin`),
    fetchSplit(`${base}fashion-mnist-test.bin`),
    fetchSource(`${base}fashion-mnist-source.json`),
  ]);
  return { train, test, source };
}

/**
 * The first `count` samples of a split as tensors the caller owns: `x` float32
 * `[count, rows, cols]` scaled to [0, 1] (the shared models start with a Flatten), `y` float32 `[count]` class indices (for sparse categorical crossentropy).
 * @example const { x, y } = toTensors(data.train, 2000);
 */
export function toTensors(
  split: FashionSplit,
  count = split.count,
  start = 0,
): { x: dd.tf.Tensor3D; y: dd.tf.Tensor1D } {
  const n = Math.max(0, Math.min(count, split.count - start));
  const size = split.rows * split.cols;
  const pixels = new Float32Array(n * size);
  const source = split.images.subarray(start * size, (start + n) * size);
  for (let i = 0; i < pixels.length; i++) pixels[i] = source[i]! / 255;
  const labels = Float32Array.from(split.labels.subarray(start, start + n));
  return { x: dd.tf.tensor3d(pixels, [n, split.rows, split.cols]), y: dd.tf.tensor1d(labels) };
}

/** The pixels of image `index` (`rows * cols` bytes). */
export function imageAt(split: FashionSplit, index: number): Uint8Array {
  const size = split.rows * split.cols;
  return split.images.subarray(index * size, (index + 1) * size);
}
