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
