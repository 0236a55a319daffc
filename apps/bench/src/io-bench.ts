import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dd from 'dendrite';

/** One timed way of loading the same model. */
export interface IoTiming {
  readonly format: string;
  readonly file: string;
  readonly bytes: number;
  /** Median wall time of one `loadModel`, in milliseconds. */
  readonly medianMs: number;
  readonly allMs: number[];
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The 4 MB CNN of the shared Keras files (`DENDRITE_KERAS_DIR`, else `../shared/data/keras`). */
export function defaultKerasFile(): string {
  const dir = process.env.DENDRITE_KERAS_DIR ?? path.resolve(here, '../../../../shared/data/keras');
  return path.join(dir, 'keras2/cnn-best-model.h5');
}

async function time(source: string, repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats + 1; i++) {
    const start = performance.now();
    const model = await dd.loadModel(source);
    const elapsed = performance.now() - start;
    model.dispose();
    if (i > 0) times.push(elapsed); // the first load warms up imports and the HDF5 module
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function size(target: string): Promise<number> {
  const info = await stat(target);
  if (!info.isDirectory()) return info.size;
  const { readdir } = await import('node:fs/promises');
  const files = await readdir(target);
  const sizes = await Promise.all(files.map((f) => stat(path.join(target, f)).then((s) => s.size)));
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * `pnpm bench --io`: times `loadModel` of a Keras file against the TF.js format of the same
 * model (written once by `convertModel`), and a `.keras` copy, each `repeats` times after a warm-up.
 */
export async function runIoBench(kerasFile: string, repeats: number): Promise<IoTiming[]> {
  if (!existsSync(kerasFile)) {
    throw new Error(
      `--io: ${kerasFile} not found; set DENDRITE_KERAS_DIR to the shared Keras files`,
    );
  }
  // Loading is file parsing plus weight uploads; the CPU backend keeps runs comparable.
  await dd.useBackend('cpu', { log: false });
  const dir = await mkdtemp(path.join(tmpdir(), 'dendrite-io-bench-'));
  try {
    const tfjs = path.join(dir, 'tfjs-model');
    const keras3 = path.join(dir, 'model.keras');
    await dd.convertModel(kerasFile, tfjs);
    await dd.convertModel(kerasFile, keras3);
    const results: IoTiming[] = [];
    for (const [format, file] of [
      ['Keras 2 .h5', kerasFile],
      ['Keras 3 .keras (Dendrite-written)', keras3],
      ['TF.js model.json + .bin', tfjs],
    ] as const) {
      const allMs = await time(file, repeats);
      results.push({ format, file, bytes: await size(file), medianMs: median(allMs), allMs });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The table `pnpm bench --io` prints. */
export function formatIoTable(results: readonly IoTiming[]): string {
  const lines = [
    '| format | bytes | median load (ms) | runs (ms) |',
    '| --- | ---: | ---: | --- |',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.format} | ${r.bytes} | ${r.medianMs.toFixed(1)} | ${r.allMs.map((t) => t.toFixed(0)).join(', ')} |`,
    );
  }
  return lines.join('\n');
}
