import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared real Keras files (`DENDRITE_KERAS_DIR`, else `../shared/data/keras` beside the repo). */
export const KERAS_DIR =
  process.env.DENDRITE_KERAS_DIR ?? path.resolve(repoRoot, '../shared/data/keras');
/** The Fashion-MNIST IDX files. */
export const FASHION_DIR =
  process.env.DENDRITE_FASHION_MNIST_DIR ?? path.resolve(repoRoot, '../shared/data/fashion-mnist');
/** Whether the shared Keras files are present, and why tests skip when not. */
export const HAVE_KERAS = existsSync(path.join(KERAS_DIR, 'expected.json'));
export const SKIP_REASON = `skipped: the real Keras files are not in ${KERAS_DIR} (set DENDRITE_KERAS_DIR)`;
