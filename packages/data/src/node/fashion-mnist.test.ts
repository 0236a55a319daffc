import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFashionMnist } from './fashion-mnist.js';

// CI points DENDRITE_DATA_DIR at the folder holding the shared `fashion-mnist/`; locally:
// DENDRITE_DATA_DIR=/work/shared/data
const root = process.env.DENDRITE_DATA_DIR;
const folder =
  root !== undefined && existsSync(join(root, 'fashion-mnist', 'train-labels-idx1-ubyte.gz'))
    ? join(root, 'fashion-mnist')
    : undefined;
const reason =
  'DENDRITE_DATA_DIR/fashion-mnist does not hold the files, so the real Fashion-MNIST files are not read';

function perClass(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label] = (counts[label] as number) + 1;
  return counts;
}

describe.skipIf(!folder)(`Fashion-MNIST files${folder ? '' : ` (skipped: ${reason})`}`, () => {
  it('has 60000 / 10000 images of 28 x 28 with 6000 / 1000 labels per class', async () => {
    // Each file is read once; download is off so a wrong folder fails loudly instead of fetching.
    const data = await loadFashionMnist({ folder, download: false });
    expect(data.folder).toBe(folder);
    expect(data.train.shape).toEqual([60000, 28, 28]);
    expect(data.test.shape).toEqual([10000, 28, 28]);
    expect(data.train.images.length).toBe(60000 * 784);
    expect(data.test.images.length).toBe(10000 * 784);
    expect(perClass(data.train.labels)).toEqual(new Array(10).fill(6000));
    expect(perClass(data.test.labels)).toEqual(new Array(10).fill(1000));
    expect(data.classNames[9]).toBe('Ankle boot');
  });
});

if (!folder) console.info(`[data] ${reason}.`);
