// The browser side of `pnpm bench --browser`, bundled by esbuild with one tfjs-core shared by
// Dendrite and tfjs-layers. Exposes `globalThis.dendriteBench` for the Node driver.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as dd from 'dendrite';
import { type BenchModel, dendriteModel, sampleShape, tfjsModel } from '../models.js';
import { checkPackedUpload, checkSoftmaxAccuracy } from './engine-checks.js';
import {
  checkAdam,
  checkDenseGrad,
  checkDropout,
  checkMatMul,
  checkSoftmaxCrossEntropy,
} from './kernel-checks.js';

/** What the driver asks for. */
export interface PageRunSpec {
  readonly framework: 'dendrite' | 'tfjs-layers';
  readonly model: BenchModel;
  readonly batchSize: number;
  /** Timed epochs, after one untimed warm-up epoch. */
  readonly epochs: number;
}

/** What one run measured in the page. */
export interface PageRunResult {
  /** Wall seconds of each timed epoch. */
  readonly epochSeconds: number[];
  /** Training loss of every epoch, warm-up first. */
  readonly losses: number[];
  /** `numTensors` after the last epoch minus after the warm-up epoch. */
  readonly tensorGrowth: number;
}

let images: Float32Array | undefined;
let labels: Float32Array | undefined;

/** Loads the samples the driver serves at `/data.bin`: images (n × 784) then labels (n × 10). */
async function loadData(samples: number): Promise<void> {
  const bytes = await (await fetch('/data.bin')).arrayBuffer();
  images = new Float32Array(bytes, 0, samples * 784);
  labels = new Float32Array(bytes, samples * 784 * 4, samples * 10);
}

/** The renderer behind `backend`, for the table. */
async function renderer(backend: string): Promise<string> {
  if (backend === 'webgl') {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown WebGL';
  }
  if (backend === 'webgpu') {
    const gpu = (
      navigator as unknown as { gpu?: { requestAdapter(): Promise<dd.tf.GpuAdapterLike | null> } }
    ).gpu;
    const adapter = await gpu?.requestAdapter();
    return adapter ? `WebGPU: ${dd.tf.describeGpuAdapter(adapter)}` : 'no WebGPU adapter';
  }
  const simd = await dd.tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await dd.tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `wasm${simd ? ' SIMD' : ''}, ${threads && crossOriginIsolated ? 'multi-threaded' : 'single thread'}`;
}

/** Starts `backend` and loads the data; returns the renderer string. */
async function start(backend: 'webgl' | 'webgpu' | 'wasm', samples: number): Promise<string> {
  setWasmPaths('/wasm/');
  await dd.useBackend(backend, { log: false });
  await loadData(samples);
  return renderer(backend);
}

/** Trains one model for `1 + spec.epochs` epochs and frees everything it made. */
async function run(spec: PageRunSpec, seed = 42): Promise<PageRunResult> {
  if (!images || !labels) throw new Error('dendriteBench.run: call start() first');
  dd.setSeed(seed);
  const samples = labels.length / 10;
  const x = dd.tf.tensor(images, [samples, ...sampleShape(spec.model)]);
  const y = dd.tf.tensor2d(labels, [samples, 10]);
  const seconds: number[] = [];
  const losses: number[] = [];
  const tensors: number[] = [];
  let begin = 0;
  const onEpochBegin = async () => {
    begin = performance.now();
  };
  const onEpochEnd = async (_epoch: number, logs?: Record<string, number>) => {
    seconds.push((performance.now() - begin) / 1000);
    losses.push(logs?.loss ?? Number.NaN);
    tensors.push(dd.memory().numTensors);
  };
  const epochs = spec.epochs + 1;
  try {
    if (spec.framework === 'dendrite') {
      const model = dendriteModel(spec.model);
      const callbacks = dd.callbacks.lambdaCallback({ onEpochBegin, onEpochEnd });
      await model.fit(x, y, { batchSize: spec.batchSize, epochs, verbose: 0, callbacks });
      model.dispose();
    } else {
      const model = tfjsModel(spec.model);
      const callbacks = { onEpochBegin, onEpochEnd };
      await model.fit(x, y, { batchSize: spec.batchSize, epochs, verbose: 0, callbacks });
      model.dispose();
    }
  } finally {
    dd.dispose([x, y]);
  }
  return {
    epochSeconds: seconds.slice(1),
    losses,
    tensorGrowth: (tensors.at(-1) as number) - (tensors[0] as number),
  };
}

/** Host transfers of the active backend: reads back to the host and uploads to the device. */
interface Transfers {
  readSync: number;
  read: number;
  upload: number;
}

/** Counts the backend's `readSync`, `read` and `uploadToGPU` calls while `body` runs. */
async function countTransfers(body: () => Promise<unknown>): Promise<Transfers> {
  const backend = dd.tf.backend() as unknown as Record<string, (...args: unknown[]) => unknown>;
  const counts: Transfers = { readSync: 0, read: 0, upload: 0 };
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  const methods: Array<[string, keyof Transfers]> = [
    ['readSync', 'readSync'],
    ['read', 'read'],
    ['uploadToGPU', 'upload'],
  ];
  for (const [method, key] of methods) {
    const original = backend[method];
    if (typeof original !== 'function') continue;
    originals.set(method, original);
    backend[method] = function (this: unknown, ...args: unknown[]) {
      counts[key]++;
      return original.apply(this, args);
    };
  }
  try {
    await body();
  } finally {
    for (const [method, original] of originals) backend[method] = original;
  }
  return counts;
}

/** Transfers per training step of one epoch of `spec` (after a warm-up epoch). */
async function transfersPerStep(spec: PageRunSpec): Promise<Transfers> {
  if (!images || !labels) throw new Error('dendriteBench.transfersPerStep: call start() first');
  const samples = labels.length / 10;
  const steps = Math.ceil(samples / spec.batchSize);
  const x = dd.tf.tensor(images, [samples, ...sampleShape(spec.model)]);
  const y = dd.tf.tensor2d(labels, [samples, 10]);
  const args = { batchSize: spec.batchSize, epochs: 1, verbose: 0 as const };
  let counts: Transfers;
  if (spec.framework === 'dendrite') {
    const model = dendriteModel(spec.model);
    await model.fit(x, y, args);
    counts = await countTransfers(() => model.fit(x, y, args));
    model.dispose();
  } else {
    const model = tfjsModel(spec.model);
    await model.fit(x, y, args);
    counts = await countTransfers(() => model.fit(x, y, args));
    model.dispose();
  }
  dd.dispose([x, y]);
  return {
    readSync: counts.readSync / steps,
    read: counts.read / steps,
    upload: counts.upload / steps,
  };
}

/**
 * Kernels one training step of `framework` launches on the active backend (tfjs' profiler over
 * `trainOnBatch` at batch 32, after a warm-up step; Dendrite's count includes its logs read).
 */
async function profileStep(
  model: BenchModel,
  framework: PageRunSpec['framework'],
): Promise<{ kernels: number; names: string[] }> {
  if (!images || !labels) throw new Error('dendriteBench.profileStep: call start() first');
  const x = dd.tf.tensor(images.subarray(0, 32 * 784), [32, ...sampleShape(model)]);
  const y = dd.tf.tensor2d(labels.subarray(0, 320), [32, 10]);
  const net = framework === 'dendrite' ? dendriteModel(model) : tfjsModel(model);
  await net.trainOnBatch(x, y);
  const info = await dd.tf.profile(() => net.trainOnBatch(x, y) as Promise<never>);
  net.dispose();
  dd.dispose([x, y]);
  return { kernels: info.kernels.length, names: info.kernels.map((k) => k.name) };
}

(globalThis as Record<string, unknown>).dendriteBench = {
  start,
  run,
  profileStep,
  transfersPerStep,
  checkAdam,
  checkMatMul,
  checkSoftmaxCrossEntropy,
  checkDenseGrad,
  checkDropout,
  checkSoftmaxAccuracy,
  checkPackedUpload,
};
