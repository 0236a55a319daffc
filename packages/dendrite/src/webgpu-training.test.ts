import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as dd from './node.js';

const tf = dd.tf;

// SwiftShader's Vulkan driver, shipped with Debian's chromium (CI installs it): WebGPU through
// Dawn on the CPU. On a machine with a GPU driver, VK_ICD_FILENAMES may already point at it.
const swiftShader = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (process.env.VK_ICD_FILENAMES === undefined && existsSync(swiftShader)) {
  process.env.VK_ICD_FILENAMES = swiftShader;
}
process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'dendrite-xdg-'));

/** Why WebGPU cannot run here, or undefined when it can. */
async function webGpuUnavailable(): Promise<string | undefined> {
  try {
    await dd.useBackend('webgpu', { log: false });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await tf.setBackend('cpu');
  }
}

const unavailable = await webGpuUnavailable();
if (unavailable) console.info(`skipping WebGPU training tests: ${unavailable}`);

/** Losses of 4 epochs of `fit` (Adam) of a freshly seeded model on 16 fixed samples. */
async function losses(backend: 'cpu' | 'webgpu', kind: 'mlp' | 'cnn'): Promise<number[]> {
  await dd.useBackend(backend, { log: false });
  dd.setSeed(7);
  const n = 16;
  const x =
    kind === 'cnn'
      ? tf.randomUniform([n, 8, 8, 1], 0, 1, 'float32', 3)
      : tf.randomUniform([n, 12], 0, 1, 'float32', 3);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % 4),
      'int32',
    ),
    4,
  );
  const net = dd.sequential({
    layers:
      kind === 'cnn'
        ? [
            dd.layers.conv2d({
              filters: 4,
              kernelSize: 3,
              activation: 'relu',
              inputShape: [8, 8, 1],
            }),
            dd.layers.maxPooling2d({ poolSize: 2 }),
            dd.layers.flatten(),
            dd.layers.dense({ units: 4, activation: 'softmax' }),
          ]
        : [
            dd.layers.dense({ units: 8, activation: 'relu', inputShape: [12] }),
            dd.layers.dense({ units: 4, activation: 'softmax' }),
          ],
  });
  net.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  // 4 epochs of 2 batches; the engine reads the epoch's logs with `await data()`, as WebGPU in
  // Node requires.
  const history = await net.fit(x, y, { epochs: 4, batchSize: 8, shuffle: false, verbose: 0 });
  const values = history.history.loss as number[];
  tf.dispose([x, y]);
  net.dispose();
  await tf.setBackend('cpu');
  return values;
}

describe.skipIf(unavailable !== undefined)('training on WebGPU in Node (SwiftShader here)', () => {
  it.each(['mlp', 'cnn'] as const)(
    'a small %s gives the same losses as cpu',
    async (kind) => {
      const onCpu = await losses('cpu', kind);
      const onGpu = await losses('webgpu', kind);
      // The losses fall: the steps train.
      expect(onCpu[3] as number).toBeLessThan(onCpu[0] as number);
      console.log(JSON.stringify({ kind, onCpu, onGpu }));
      for (const [step, value] of onGpu.entries()) {
        expect(value).toBeCloseTo(onCpu[step] as number, 5);
      }
    },
    120_000,
  );
});
