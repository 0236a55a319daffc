import * as tf from '@dendrite/tensor';

export { squeezeOrExpand } from '@dendrite/losses';

/**
 * A stateful metric: `update` accumulates on the device without reading data back, `result`
 * reads the state once and returns the value over everything since the last `reset`.
 */
export interface Metric {
  /** The Keras log name, e.g. `'accuracy'`, `'precision'`, `'auc'`. */
  readonly name: string;
  /**
   * Whether a better model makes the value go up (`'max'`: accuracy, AUC) or down (`'min'`:
   * errors, crossentropies), as Keras' `_direction`; monitoring callbacks in `'auto'` mode ask
   * it. `undefined` when it has none (sums, counts, plain means).
   */
  readonly direction?: MetricDirection;
  /** Accumulates one batch; synchronous and free of device syncs. */
  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void;
  /**
   * Accumulates one batch of a softmax output from its logits (the engine keeps logits where the
   * loss is fused), without the probabilities as a tensor; `false` when it cannot for these
   * inputs, and the engine then calls `update` with `softmax(logits)`. Same result as `update`.
   */
  updateFromLogits?(yTrue: tf.Tensor, logits: tf.Tensor, sampleWeight?: tf.Tensor): boolean;
  /**
   * Whether the metric is the accuracy of unweighted batches of `[rows, classes]` logits against
   * `labels` (one-hot rows, or class indices), so that {@link addAccuracyHits} stands for
   * `updateFromLogits` or `update(softmax(logits))` (the engine then counts the hits inside a
   * training kernel).
   */
  countsAccuracyHits?(labels: AccuracyLabels, classes: number): boolean;
  /**
   * Adds one such batch from its hit count: the rows whose label (the first largest one-hot
   * entry, or the class index) is the first largest logit. Same result as updating with the batch.
   */
  addAccuracyHits?(labels: AccuracyLabels, hits: number, rows: number): void;
  /** The value over all batches since `reset` (one device sync). */
  result(): number;
  /**
   * `result()` read with `await data()` instead of a blocking sync, which WebGPU cannot do in
   * Node and does slowly in browsers. The training loop prefers it where a metric has it.
   */
  resultAsync?(): Promise<number>;
  /** Zeroes the state. */
  reset(): void;
  /** Frees the state tensors; idempotent. */
  dispose(): void;
}

/** How a batch's labels name its classes: one-hot rows or class indices. */
export type AccuracyLabels = 'categorical' | 'sparse';

/** The direction in which a metric improves. */
export type MetricDirection = 'max' | 'min';

/** Options every built-in metric accepts. */
export interface MetricConfig {
  /** The log name; defaults to the Keras name of the metric. */
  readonly name?: string;
}

/**
 * The base of the built-in metrics: state lives in non-trainable variables created as zeros on
 * the first `update` (constructors create no tensors), is incremented on the device, and is read
 * back in one sync by `result`.
 */
export abstract class StatefulMetric implements Metric, tf.Serializable {
  readonly name: string;
  /** See {@link Metric.direction}; each built-in says its own. */
  readonly direction: MetricDirection | undefined = undefined;
  private state: tf.Variable[] | undefined;
  private disposed = false;

  /**
   * @param defaultName - The Keras log name used when `config.name` is absent.
   * @param config - The shared options.
   */
  constructor(defaultName: string, config: MetricConfig = {}) {
    const name = config.name ?? defaultName;
    if (typeof name !== 'string' || name.length === 0) {
      throw new tf.ConfigError(tf.configMessage(this.owner(), 'name', 'a non-empty string', name));
    }
    this.name = name;
  }

  abstract update(yTrue: tf.Tensor, yPred?: tf.Tensor, sampleWeight?: tf.Tensor): void;

  /** Shapes of the state tensors, in the order `accumulate` and `compute` use. */
  protected abstract stateShapes(): number[][];

  /** The metric value from the state values read back (one array per state tensor). */
  protected abstract compute(state: Float32Array[]): number;

  /**
   * Adds `increments` (one per state tensor; `undefined` leaves that one as it is) to the state;
   * call inside `tf.tidy`.
   */
  protected accumulate(increments: ReadonlyArray<tf.Tensor | undefined>): void {
    const state = this.variables();
    state.forEach((variable, i) => {
      const increment = increments[i];
      if (increment !== undefined) variable.assign(tf.add(variable, increment));
    });
  }

  result(): number {
    return this.compute(this.readState());
  }

  async resultAsync(): Promise<number> {
    const { flat, sizes } = this.flatState();
    if (flat === undefined) return this.compute(split(undefined, sizes));
    try {
      return this.compute(split((await flat.data()) as Float32Array, sizes));
    } finally {
      flat.dispose();
    }
  }

  /**
   * The results of `metrics` with one device read for all the stateful ones (their states
   * concatenated) rather than one each; any other metric by its own `resultAsync` or `result`.
   * The training loop reads its logs this way at the end of each epoch.
   * @example const [loss, accuracy] = await StatefulMetric.readResults([lossTracker, accuracy]);
   */
  static async readResults(metrics: readonly Metric[]): Promise<number[]> {
    const stateful = metrics.filter((m): m is StatefulMetric => m instanceof StatefulMetric);
    const parts = stateful.map((m) => {
      m.assertNotDisposed();
      const sizes = m.stateShapes().map((shape) => shape.reduce((a, b) => a * b, 1));
      return { metric: m, sizes, state: m.state };
    });
    const variables = parts.flatMap((p) => p.state ?? []);
    const flat =
      variables.length === 0
        ? undefined
        : tf.tidy(() => tf.concat(variables.map((v) => tf.reshape(v, [-1]))));
    let values: Float32Array | undefined;
    try {
      values = (await flat?.data()) as Float32Array | undefined;
    } finally {
      flat?.dispose();
    }
    let offset = 0;
    const results = new Map<Metric, number>();
    for (const { metric, sizes, state } of parts) {
      const start = offset;
      if (state !== undefined) offset += sizes.reduce((a, b) => a + b, 0);
      const own = state === undefined ? undefined : values?.subarray(start, offset);
      results.set(metric, metric.compute(split(own, sizes)));
    }
    return Promise.all(
      metrics.map((m) => results.get(m) ?? (m.resultAsync ? m.resultAsync() : m.result())),
    );
  }

  /** The state values since `reset` (zeros before the first update), read back in one sync. */
  protected readState(): Float32Array[] {
    const { flat, sizes } = this.flatState();
    if (flat === undefined) return split(undefined, sizes);
    const values = flat.dataSync() as Float32Array;
    flat.dispose();
    return split(values, sizes);
  }

  /** Every state variable concatenated into one flat tensor (to read in one go), and the sizes. */
  private flatState(): { flat: tf.Tensor | undefined; sizes: number[] } {
    this.assertNotDisposed();
    const sizes = this.stateShapes().map((shape) => shape.reduce((a, b) => a * b, 1));
    const state = this.state;
    if (state === undefined) return { flat: undefined, sizes };
    return { flat: tf.tidy(() => tf.concat(state.map((v) => tf.reshape(v, [-1])))), sizes };
  }

  reset(): void {
    this.assertNotDisposed();
    const state = this.state;
    if (state === undefined) return;
    tf.tidy(() => {
      for (const variable of state) variable.assign(tf.zerosLike(variable));
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.state) for (const variable of this.state) variable.dispose();
    this.state = undefined;
  }

  getClassName(): string {
    return (this.constructor as { className?: string }).className ?? this.constructor.name;
  }

  getConfig(): tf.ConfigDict {
    return { name: this.name };
  }

  /** Throws a `DisposedError` after `dispose()`. */
  protected assertNotDisposed(): void {
    if (this.disposed) {
      throw new tf.DisposedError(`${this.owner()} '${this.name}' was used after dispose()`);
    }
  }

  private owner(): string {
    return (this.constructor as { className?: string }).className ?? 'Metric';
  }

  private variables(): tf.Variable[] {
    this.assertNotDisposed();
    if (this.state === undefined) {
      const shapes = this.stateShapes();
      this.state = tf.tidy(() => shapes.map((shape) => tf.variable(tf.zeros(shape), false)));
    }
    return this.state;
  }
}

/** `a / b`, or 0 where `b` is 0, as Keras' `divide_no_nan`. */
export function divideNoNan(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** `values` cut into consecutive pieces of `sizes`; zeros when there are no values yet. */
function split(values: Float32Array | undefined, sizes: readonly number[]): Float32Array[] {
  let offset = 0;
  return sizes.map((size) => {
    offset += size;
    return values === undefined ? new Float32Array(size) : values.subarray(offset - size, offset);
  });
}
