// One hostile case per process, run by hostile.test.ts through a bundle of this file, so a
// hang, an abort or a runaway allocation fails that case instead of the test run.
// Usage: node child.mjs <case> <folder>. Prints one JSON line: the outcome, the tensors left
// and the peak resident memory (VmHWM).
import { readFileSync } from 'node:fs';
import { backupAndRestore } from '@dendrite/callbacks/node';
import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { loadModel, sequential } from '../../src/index.js';
import { fileSystem } from '../../src/node.js';

/** Peak resident set size of this process in MiB (Linux), else the current RSS. */
function peakRssMiB(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 2 ** 20;
}

function print(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMiB: peakRssMiB() })}\n`);
}

/** A model large enough (≈ 4 MB of weights) that a save takes a while to write. */
function bigModel() {
  return sequential({
    layers: [
      dense({ name: 'big', units: 1000, inputShape: [1000] }),
      dense({ name: 'out', units: 1 }),
    ],
  });
}

async function outcome(run: () => Promise<unknown>): Promise<void> {
  const before = tf.memory().numTensors;
  const started = Date.now();
  try {
    const value = await run();
    const model = value as { dispose?(): void; optimizer?: { dispose?(): void } } | undefined;
    // The optimizer too: until models own the optimizer they build (issue 12, item 4, another
    // change), dispose() leaves a loaded model's slots behind; both calls are idempotent.
    const optimizer = model?.optimizer;
    model?.dispose?.();
    optimizer?.dispose?.();
    print({ ok: true, leaked: tf.memory().numTensors - before, ms: Date.now() - started });
  } catch (error) {
    const e = error as Error;
    print({
      ok: false,
      name: e.name,
      message: e.message,
      leaked: tf.memory().numTensors - before,
      ms: Date.now() - started,
    });
  }
}

async function main(): Promise<void> {
  const [kind, folder] = process.argv.slice(2) as [string, string];
  await tf.useBackend('cpu');
  if (kind === 'load') {
    await outcome(() => loadModel(fileSystem(folder)));
  } else if (kind === 'restore') {
    const model = sequential({ layers: [dense({ name: 'd', units: 2, inputShape: [3] })] });
    const callback = backupAndRestore({ backupDir: folder });
    callback.setModel(model);
    await outcome(() => callback.onTrainBegin());
    model.dispose();
  } else if (kind === 'save-loop') {
    // Saves until killed; the parent kills it at a random moment.
    const model = bigModel();
    process.stdout.write('ready\n');
    for (;;) await model.save(fileSystem(folder));
  } else if (kind === 'backup-loop') {
    const model = bigModel();
    const callback = backupAndRestore({ backupDir: folder, deleteCheckpoint: false });
    callback.setModel(model);
    process.stdout.write('ready\n');
    for (let epoch = 0; ; epoch++) await callback.onEpochEnd(epoch);
  } else {
    throw new Error(`unknown case ${kind}`);
  }
}

await main();
