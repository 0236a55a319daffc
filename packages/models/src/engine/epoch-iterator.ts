import * as tf from '@dendrite/tensor';
import { BatchBuilder, batchCount, batchRange } from './batching.js';
import { type HostData, hostSamples } from './prepare-data.js';

/** One batch for a step: inputs, targets (empty for `predict`) and per-output sample weights. */
export interface Batch {
  readonly xs: tf.Tensor[];
  readonly ys: tf.Tensor[];
  readonly weights: (tf.Tensor | undefined)[];
  /** Samples in the batch. */
  readonly size: number;
}

/** Frees a batch's tensors; the loop calls it after each step. */
export function disposeBatch(batch: Batch): void {
  tf.dispose([...batch.xs, ...batch.ys]);
  for (const w of batch.weights) w?.dispose();
}

/**
 * The batches of a run, epoch after epoch, whatever the data came as (Keras 3's
 * `EpochIterator`): tensors read to the host ({@link ArrayEpochs}) or a dataset
 * (`DatasetEpochs`). The loop takes one batch, runs its step and disposes it before the next.
 */
export interface EpochIterator {
  /** Batches per epoch, when known. */
  readonly steps: number | undefined;
  /** Samples per epoch, when known. */
  readonly samples: number | undefined;
  /** Samples per batch, when known. */
  readonly batchSize: number | undefined;
  /** The generator whose state a backup saves (the shuffle's), if any. */
  readonly random: tf.RandomGenerator | undefined;
  /** The batches of epoch `epoch` (0-based), in order. */
  epoch(epoch: number): AsyncIterable<Batch> | Iterable<Batch>;
  /** Reports bad data only known once the epoch is over (a dataset's NaN); throws then. */
  finishEpoch(epoch: number): void;
  /** Frees what the iterator holds; idempotent. */
  dispose(): void;
}

/** One epoch of {@link ArrayEpochs}: its sample order and each batch's positions in it. */
export interface EpochPlan {
  /** The samples in the epoch's order; `undefined`: in their own order. */
  readonly order: Int32Array | undefined;
  /** Each batch's `[start, end)` positions in `order` (sample indices without it). */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/** Options of {@link ArrayEpochs}. */
export interface ArrayEpochsOptions {
  readonly batchSize: number;
  /** Reorder the samples before each epoch, drawing from `random`. */
  readonly shuffle: boolean;
  /** The run's generator (`fit` always draws one, shuffling or not, so seeded runs line up). */
  readonly random?: tf.RandomGenerator | undefined;
  /** Batches per epoch, cycling through the data when larger. @defaultValue all batches */
  readonly steps?: number | undefined;
}

/**
 * Batches cut from host data: `batchSize` samples each, in a new random order every epoch when
 * shuffling (one permutation per epoch from the iterator's own generator).
 */
export class ArrayEpochs implements EpochIterator {
  readonly steps: number;
  readonly samples: number;
  readonly batchSize: number;
  readonly random: tf.RandomGenerator | undefined;
  private readonly shuffle: boolean;
  private readonly builder: BatchBuilder;
  private readonly batches: number;

  constructor(
    /** The samples, on the host. */
    readonly data: HostData,
    options: ArrayEpochsOptions,
  ) {
    this.samples = hostSamples(data);
    this.batchSize = options.batchSize;
    this.batches = batchCount(this.samples, this.batchSize);
    this.steps = options.steps ?? this.batches;
    this.random = options.random;
    this.shuffle = options.shuffle;
    const sources = [...data.xs, ...data.ys, ...data.weights.filter((w) => w !== undefined)];
    this.builder = new BatchBuilder(sources, this.batchSize);
  }

  /**
   * The next epoch's sample order (drawn now when shuffling: call once per epoch, where
   * {@link epoch} would start) and its batches' `[start, end)` positions in it.
   */
  planEpoch(): EpochPlan {
    const { samples, batchSize } = this;
    const order = this.shuffle ? this.random?.permutation(samples) : undefined;
    const ranges = Array.from({ length: this.steps }, (_, step) =>
      batchRange(step % this.batches, batchSize, samples),
    );
    return { order, ranges };
  }

  /** Batch `step` of an epoch planned by {@link planEpoch}. */
  batch(plan: EpochPlan, step: number): Batch {
    const { data } = this;
    const [start, end] = plan.ranges[step] as [number, number];
    const tensors = this.builder.take(plan.order, start, end);
    const inputs = data.xs.length;
    const outputs = data.ys.length;
    let w = inputs + outputs;
    return {
      xs: tensors.slice(0, inputs),
      ys: tensors.slice(inputs, inputs + outputs),
      weights: data.weights.map((a) => (a ? tensors[w++] : undefined)),
      size: end - start,
    };
  }

  *epoch(): Generator<Batch> {
    const plan = this.planEpoch();
    for (let step = 0; step < plan.ranges.length; step++) yield this.batch(plan, step);
  }

  finishEpoch(): void {}

  dispose(): void {}
}
