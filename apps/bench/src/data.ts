import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dd from 'dendrite';

/** Training data as host arrays, shared by both frameworks so they see the same samples. */
export interface BenchData {
  /** Pixels in [0, 1], `samples × 784` row-major (reshaped to 28×28×1 for the CNN). */
  readonly images: Float32Array;
  /** One-hot labels, `samples × 10`. */
  readonly labels: Float32Array;
  readonly samples: number;
  /** Where the numbers came from, printed with the results. */
  readonly source: string;
}

/**
 * The folders searched for Fashion-MNIST, in order: `$DENDRITE_DATA_DIR/fashion-mnist`, the
 * `shared/data` folder beside the checkout, then Debian's `dataset-fashion-mnist` (the device
 * kit's `scripts/device-kit.mjs` searches the same).
 */
export function dataFolders(): string[] {
  const checkout = fileURLToPath(new URL('../../../', import.meta.url));
  const roots = [process.env.DENDRITE_DATA_DIR, join(checkout, '..', 'shared', 'data')];
  return [
    ...roots
      .filter((root) => root !== undefined && root !== '')
      .map((root) => join(root as string, 'fashion-mnist')),
    '/usr/share/datasets/fashion-mnist',
  ];
}

/**
 * The first `samples` Fashion-MNIST training images (the book's 48 000 are 80 % of the 60 000),
 * or, when no folder holds the files, seeded uniform noise with random labels of the same shape.
 */
export async function loadBenchData(samples: number, synthetic = false): Promise<BenchData> {
  const folder = synthetic ? undefined : dataFolders().find((f) => existsSync(f));
  if (folder) {
    const { train } = await dd.data.loadFashionMnist({ folder, download: false });
    const n = Math.min(samples, train.shape[0]);
    const images = new Float32Array(n * 784);
    for (let i = 0; i < images.length; i++) images[i] = (train.images[i] as number) / 255;
    return {
      images,
      labels: oneHot(train.labels, n),
      samples: n,
      source: `Fashion-MNIST (${folder})`,
    };
  }
  const random = dd.tf.createRandom(1234);
  const images = new Float32Array(samples * 784);
  for (let i = 0; i < images.length; i++) images[i] = random.next();
  const classes = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) classes[i] = random.nextInt(10);
  return { images, labels: oneHot(classes, samples), samples, source: 'synthetic (uniform noise)' };
}

function oneHot(classes: Uint8Array, n: number): Float32Array {
  const out = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) out[i * 10 + (classes[i] as number)] = 1;
  return out;
}
