import * as dd from 'dendrite';
import { activateBackend, type BenchBackend } from './backends.js';
import type { BenchData } from './data.js';
import { type BenchModel, dendriteModel, sampleShape, tfjsModel } from './models.js';

/** Which library trains. */
export type Framework = 'dendrite' | 'tfjs-layers';

/** One measured configuration. */
export interface RunSpec {
  readonly framework: Framework;
  readonly model: BenchModel;
  readonly backend: BenchBackend;
  readonly batchSize: number;
  /** Timed epochs, after one untimed warm-up epoch. */
  readonly epochs: number;
}

/** What one run measured. */
export interface RunResult extends RunSpec {
  readonly samples: number;
  /** Wall seconds of each timed epoch. */
  readonly epochSeconds: number[];
  /** Median of `epochSeconds`. */
  readonly secondsPerEpoch: number;
  readonly samplesPerSecond: number;
  /** `tf.memory().numTensors` after the last epoch minus after the warm-up epoch. */
  readonly tensorGrowth: number;
  /** Training loss of every epoch, warm-up first. */
  readonly losses: number[];
  /** Training accuracy of the last epoch. */
  readonly accuracy: number;
  /** Peak resident set of the process, MiB (the whole child process when run by the bench). */
  readonly peakRssMiB: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Epoch clock shared by both frameworks' callbacks. */
class EpochClock {
  readonly seconds: number[] = [];
  readonly tensors: number[] = [];
  readonly losses: number[] = [];
  accuracy = Number.NaN;
  private start = 0;

  begin(): void {
    this.start = performance.now();
  }

  end(logs: Record<string, number> | undefined): void {
    this.seconds.push((performance.now() - this.start) / 1000);
    this.tensors.push(dd.memory().numTensors);
    this.losses.push(logs?.loss ?? Number.NaN);
    this.accuracy = logs?.acc ?? logs?.accuracy ?? Number.NaN;
  }
}

/**
 * Trains one model on one backend for `1 + spec.epochs` epochs (the first is warm-up) and
 * returns the timings. Frees every tensor it made.
 */
export async function runOne(spec: RunSpec, data: BenchData, seed = 42): Promise<RunResult> {
  await activateBackend(spec.backend);
  dd.setSeed(seed);
  const clock = new EpochClock();
  const epochs = spec.epochs + 1;
  const x = dd.tf.tensor(data.images, [data.samples, ...sampleShape(spec.model)]);
  const y = dd.tf.tensor2d(data.labels, [data.samples, 10]);
  try {
    if (spec.framework === 'dendrite') {
      const model = dendriteModel(spec.model);
      const timer = dd.callbacks.lambdaCallback({
        onEpochBegin: () => clock.begin(),
        onEpochEnd: (_epoch, logs) => clock.end(logs),
      });
      await model.fit(x, y, { batchSize: spec.batchSize, epochs, verbose: 0, callbacks: timer });
      model.dispose();
    } else {
      const model = tfjsModel(spec.model);
      await model.fit(x, y, {
        batchSize: spec.batchSize,
        epochs,
        verbose: 0,
        callbacks: {
          onEpochBegin: async () => clock.begin(),
          onEpochEnd: async (_epoch, logs) => clock.end(logs),
        },
      });
      model.dispose();
    }
  } finally {
    dd.dispose([x, y]);
  }
  const timed = clock.seconds.slice(1);
  const secondsPerEpoch = median(timed);
  return {
    ...spec,
    samples: data.samples,
    epochSeconds: timed,
    secondsPerEpoch,
    samplesPerSecond: data.samples / secondsPerEpoch,
    tensorGrowth: (clock.tensors.at(-1) as number) - (clock.tensors[0] as number),
    losses: clock.losses,
    accuracy: clock.accuracy,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}
