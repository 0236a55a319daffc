import * as tf from '@dendrite/tensor';
import { type Batched, stackBatch } from './stack-batch.js';
import { collectTensors, disposeTree } from './tensor-tree.js';

/** Options of {@link Dataset.batch}. */
export interface BatchOptions {
  /** Drop the last batch when it has fewer than `batchSize` elements. @defaultValue false */
  readonly dropRemainder?: boolean;
}

/** Options of {@link Dataset.shuffle}. */
export interface DatasetShuffleOptions {
  /** Seed of the shuffle. @defaultValue `tf.nextSeed()`, drawn once when `shuffle` is called */
  readonly seed?: number;
  /** A different (still seeded) order on every iteration, e.g. every epoch. @defaultValue true */
  readonly reshuffleEachIteration?: boolean;
}

function checkCount(method: string, argument: string, value: unknown, min: number): number {
  return tf.checkNumber(`Dataset.${method}`, argument, value, { integer: true, min });
}

/**
 * A lazy, re-iterable pipeline of elements, like `tf.data.Dataset`: each iteration (e.g. each
 * epoch of `fitDataset`) re-runs the whole chain from its source. Iterate it with
 * `for await (const element of dataset)` or, as tfjs-data consumers do, `await dataset.iterator()`.
 *
 * Tensor ownership: tensors in the elements a dataset yields belong to the consumer, who disposes
 * them. Inside the pipeline every stage owns what it holds: `map` disposes input tensors its
 * output does not reuse, `filter` and `skip` dispose the elements they drop, `batch` disposes the
 * elements it stacks, and `shuffle`, `batch` and `prefetch` dispose their buffers when an
 * iteration ends early. So a pipeline leaks nothing as long as its consumer disposes what it gets.
 * @example
 * const ds = fromArrays(x, y).shuffle(1000, { seed: 1 }).batch(32).prefetch(2);
 * for await (const { xs, ys } of ds) { ...; tf.dispose([xs, ys]); }
 */
export class Dataset<T> implements AsyncIterable<T> {
  /**
   * @param source - Starts one iteration.
   * @param size - Number of elements per iteration: `null` when unknown, `Infinity` when endless.
   */
  constructor(
    private readonly source: () => AsyncIterator<T>,
    readonly size: number | null,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.source();
  }

  /** A fresh iterator over one pass (the tfjs-data interface `fitDataset` uses). */
  async iterator(): Promise<AsyncIterator<T>> {
    return this.source();
  }

  /**
   * Applies a synchronous `transform` to every element, inside `tf.tidy` (temporaries are freed).
   * @example fromArrays(x, y).map(({ xs, ys }) => ({ xs: tf.div(xs, 255), ys }))
   */
  map<U>(transform: (element: T) => U): Dataset<U> {
    const upstream = this;
    return new Dataset(async function* () {
      for await (const element of upstream) {
        let output: U;
        try {
          output = tf.tidy(() => transform(element) as tf.TensorContainer) as U;
        } catch (error) {
          disposeTree(element);
          throw error;
        }
        disposeTree(element, collectTensors(output));
        yield output;
      }
    }, this.size);
  }

  /** Keeps the elements for which `predicate` is true. @example ds.filter((n) => n % 2 === 0) */
  filter(predicate: (element: T) => boolean): Dataset<T> {
    const upstream = this;
    return new Dataset(async function* () {
      for await (const element of upstream) {
        if (predicate(element)) yield element;
        else disposeTree(element);
      }
    }, null);
  }

  /**
   * Groups `batchSize` consecutive elements into one, stacking tensors (and numbers / number
   * arrays) along a new first axis; the last batch may be smaller unless `dropRemainder`.
   * @example fromArrays(x, y).batch(32) // elements {xs: [32, ...], ys: [32, ...]}
   */
  batch(batchSize: number, options: BatchOptions = {}): Dataset<Batched<T>> {
    checkCount('batch', 'batchSize', batchSize, 1);
    const dropRemainder = options.dropRemainder ?? false;
    const upstream = this;
    const size =
      this.size === null || this.size === Number.POSITIVE_INFINITY
        ? this.size
        : dropRemainder
          ? Math.floor(this.size / batchSize)
          : Math.ceil(this.size / batchSize);
    const stack = (elements: T[]): Batched<T> => {
      try {
        return stackBatch(elements);
      } finally {
        disposeTree(elements);
      }
    };
    return new Dataset(async function* () {
      let buffer: T[] = [];
      try {
        for await (const element of upstream) {
          buffer.push(element);
          if (buffer.length === batchSize) {
            const full = buffer;
            buffer = [];
            yield stack(full);
          }
        }
        if (buffer.length > 0 && !dropRemainder) {
          const rest = buffer;
          buffer = [];
          yield stack(rest);
        }
      } finally {
        disposeTree(buffer);
      }
    }, size);
  }

  /**
   * Shuffles with a buffer of `bufferSize` elements, as `tf.data`: the buffer is filled from
   * upstream, and each output is a random pick from it, replaced by the next upstream element.
   * A buffer at least as large as the dataset gives a uniform shuffle; 1 keeps the order.
   * @example ds.shuffle(10000, { seed: 42 })
   */
  shuffle(bufferSize: number, options: DatasetShuffleOptions = {}): Dataset<T> {
    checkCount('shuffle', 'bufferSize', bufferSize, 1);
    if (options.seed !== undefined) checkCount('shuffle', 'seed', options.seed, 0);
    const seeds = tf.createRandom(options.seed);
    const fixedSeed = seeds.nextUint32();
    const reshuffle = options.reshuffleEachIteration ?? true;
    const upstream = this;
    return new Dataset(async function* () {
      const random = new tf.RandomGenerator(reshuffle ? seeds.nextUint32() : fixedSeed);
      const buffer: T[] = [];
      const pick = (): T => {
        const i = random.nextInt(buffer.length);
        const chosen = buffer[i] as T;
        const last = buffer.pop() as T;
        if (i < buffer.length) buffer[i] = last;
        return chosen;
      };
      try {
        for await (const element of upstream) {
          buffer.push(element);
          if (buffer.length === bufferSize) yield pick();
        }
        while (buffer.length > 0) yield pick();
      } finally {
        disposeTree(buffer);
      }
    }, this.size);
  }

  /** The first `count` elements. @example ds.take(5) */
  take(count: number): Dataset<T> {
    checkCount('take', 'count', count, 0);
    const upstream = this;
    return new Dataset(
      async function* () {
        if (count === 0) return;
        let taken = 0;
        for await (const element of upstream) {
          yield element;
          taken += 1;
          // Stop before pulling another element, so none is produced only to be dropped.
          if (taken >= count) return;
        }
      },
      this.size === null ? (count === 0 ? 0 : null) : Math.min(this.size, count),
    );
  }

  /** Everything after the first `count` elements. @example ds.skip(5) */
  skip(count: number): Dataset<T> {
    checkCount('skip', 'count', count, 0);
    const upstream = this;
    return new Dataset(
      async function* () {
        let skipped = 0;
        for await (const element of upstream) {
          if (skipped < count) {
            skipped += 1;
            disposeTree(element);
          } else {
            yield element;
          }
        }
      },
      this.size === null ? null : Math.max(0, this.size - count),
    );
  }

  /**
   * Runs the pipeline `count` times in a row (each pass re-runs upstream, so shuffles reshuffle);
   * forever when `count` is undefined. An empty upstream ends the repetition.
   * @defaultValue count: forever
   * @example ds.repeat(3)
   */
  repeat(count?: number): Dataset<T> {
    if (count !== undefined) checkCount('repeat', 'count', count, 0);
    const upstream = this;
    const size =
      this.size === null
        ? null
        : count === undefined
          ? this.size === 0
            ? 0
            : Number.POSITIVE_INFINITY
          : this.size * count;
    return new Dataset(async function* () {
      for (let pass = 0; count === undefined || pass < count; pass++) {
        let any = false;
        for await (const element of upstream) {
          any = true;
          yield element;
        }
        if (!any) return;
      }
    }, size);
  }

  /**
   * Keeps up to `bufferSize` upstream elements in flight while the consumer works on the current
   * one, which overlaps asynchronous sources (file or network reads) with training.
   * @example ds.batch(32).prefetch(2)
   */
  prefetch(bufferSize: number): Dataset<T> {
    checkCount('prefetch', 'bufferSize', bufferSize, 1);
    const upstream = this;
    return new Dataset(async function* () {
      const iterator = upstream[Symbol.asyncIterator]();
      const pending: Promise<IteratorResult<T>>[] = [];
      const request = () => {
        const next = iterator.next();
        // Rejections surface when the promise is awaited below; this only silences the early report.
        next.catch(() => undefined);
        pending.push(next);
      };
      let finished = false;
      try {
        while (pending.length < bufferSize) request();
        while (true) {
          const result = await (pending.shift() as Promise<IteratorResult<T>>);
          if (result.done) {
            finished = true;
            return;
          }
          request();
          yield result.value;
        }
      } finally {
        const left = await Promise.allSettled(pending);
        for (const item of left) {
          if (item.status === 'fulfilled' && !item.value.done) disposeTree(item.value.value);
        }
        if (!finished) await iterator.return?.();
      }
    }, this.size);
  }

  /** Collects one pass into an array (the caller owns the tensors). @example await ds.toArray() */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const element of this) out.push(element);
    return out;
  }

  /** Calls `visit` on every element of one pass. @example await ds.forEachAsync(console.log) */
  async forEachAsync(visit: (element: T) => void | Promise<void>): Promise<void> {
    for await (const element of this) await visit(element);
  }
}
