import '@tensorflow/tfjs-backend-cpu';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as tf from '../index.js';
import { usesSimdAdam } from './adam-update.js';
import { sourceSha256 as adamSha256 } from './adam-update-wasm.generated.js';
import { sourceSha256 as productSha256 } from './dense-matmul-wasm.generated.js';
import { usesSimdDenseMatMul } from './dense-matmul-wasm.js';

describe.each([
  ['adam-update', adamSha256, usesSimdAdam],
  ['dense-matmul', productSha256, usesSimdDenseMatMul],
])('the SIMD module %s for wasm', (name, sha256, uses) => {
  it(`was compiled from the ${name}.wat in the tree (rerun scripts/build-wasm-kernels.mjs)`, () => {
    const source = readFileSync(new URL(`./${name}.wat`, import.meta.url));
    expect(createHash('sha256').update(source).digest('hex')).toBe(sha256);
  });

  it('links to the wasm backend heap here (so the wasm tests ran it), not to cpu', async () => {
    await tf.useBackend('wasm', { log: false });
    expect(uses(tf.backend())).toBe(true);
    await tf.useBackend('cpu', { log: false });
    expect(uses(tf.backend())).toBe(false);
  });
});
