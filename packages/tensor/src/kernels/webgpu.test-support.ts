// Test support (not shipped: `files` leaves out `*.test.*`): tfjs' WebGPU backend in Node.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../index.js';

/**
 * Starts the `webgpu` backend once, through Dawn on SwiftShader's Vulkan driver where no other
 * driver is set (Debian's chromium ships it; CI installs it), and goes back to `cpu`. Returns
 * why WebGPU cannot run here, or `undefined` when it can.
 */
export async function webgpuUnavailable(): Promise<string | undefined> {
  const swiftShader = '/usr/lib/chromium/vk_swiftshader_icd.json';
  if (process.env.VK_ICD_FILENAMES === undefined && existsSync(swiftShader)) {
    process.env.VK_ICD_FILENAMES = swiftShader;
  }
  process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'dendrite-xdg-'));
  return tf
    .useBackend('webgpu', { log: false })
    .then(() => undefined)
    .catch((error: Error) => error.message)
    .finally(() => tf.setBackend('cpu'));
}

/** Switches to `webgpu` with Dendrite's kernels registered (after {@link webgpuUnavailable}). */
export async function useWebGpu(): Promise<void> {
  await tf.useBackend('webgpu', { log: false });
  tf.registerDendriteKernels();
}

/** The largest `|got − want| / (1 + |want|)` over two arrays of equal length. */
export function worstGap(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i])));
  }
  return worst;
}

/** Runs `reference` on tfjs' cpu backend, then switches to `webgpu` ({@link useWebGpu}). */
export async function cpuThenWebGpu<T>(reference: () => T): Promise<T> {
  await tf.setBackend('cpu');
  const result = reference();
  await useWebGpu();
  return result;
}
