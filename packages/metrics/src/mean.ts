import * as tf from '@dendrite/tensor';
import { divideNoNan, type MetricConfig, StatefulMetric } from './metric.js';
import { reduceToSamplewise } from './reduce.js';

/**
 * The (weighted) mean of every value seen since `reset`: state `total` and `count` (plus what
 * {@link Mean.updateSum} keeps on the host), so the epoch value is exact however the batches were
 * split. The training engine's `'loss'` tracker.
 * Note the signature: `update(values, sampleWeight?)`.
 * @example const m = new Mean(); m.update(tf.tensor1d([1, 2])); m.update(tf.tensor1d([6])); m.result() // 3
 */
export class Mean extends StatefulMetric {
  static readonly className: string = 'Mean';
  /** Samples added by {@link updateSum}: counted on the host, so no device add per batch. */
  private hostCount = 0;
  /**
   * The sums {@link updateSum} added on a host backend (`tf.isHostBackend`), in float32 as the
   * device's adds round them, so the result is the same to the bit without a kernel per batch.
   */
  private hostTotal = 0;

  constructor(config: MetricConfig = {}) {
    super('mean', config);
  }

  /** Adds `values` (any shape; reduced to one mean per sample) weighted by `sampleWeight`. */
  override update(values: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const [v, w] = reduceToSamplewise('Mean', values, sampleWeight, (x, axes) =>
        tf.mean(x, axes),
      );
      // A scalar is its own sum (the engine's loss tracker gets a scalar loss and batch size).
      const sum = (x: tf.Tensor) => (x.rank === 0 ? x : tf.sum(x));
      const count = w !== undefined ? sum(w) : tf.scalar(v.rank >= 1 ? (v.shape[0] as number) : 1);
      this.accumulate([sum(v), count]);
    });
  }

  /**
   * Adds a batch of `count` samples whose (weighted) values sum to `sum`, a scalar tensor or a
   * float32 number already on the host: one add on the device (on a host backend, where reading
   * it costs no sync, a float32 add on the host), the count kept on the host.
   */
  updateSum(sum: tf.Tensor | number, count: number): void {
    this.addSum(sum, 1, count);
  }

  /** Adds a batch of `count` samples whose mean is `mean`, a scalar tensor or a float32 number. */
  updateMean(mean: tf.Tensor | number, count: number): void {
    this.addSum(mean, count, count);
  }

  /** Adds `fround(value · scale)` to the total and `count` to the count. */
  private addSum(value: tf.Tensor | number, scale: number, count: number): void {
    this.assertNotDisposed();
    if (tf.isHostBackend(tf.getBackend())) {
      // A number is taken as float32, as a scalar tensor of it would hold it.
      const read = Math.fround(typeof value === 'number' ? value : (value.dataSync()[0] as number));
      this.hostTotal = Math.fround(this.hostTotal + Math.fround(read * scale));
    } else {
      tf.tidy(() => {
        const sum = typeof value === 'number' ? tf.scalar(value) : value;
        this.accumulate([scale === 1 ? sum : tf.mul(sum, scale), undefined]);
      });
    }
    this.hostCount += count;
  }

  override reset(): void {
    super.reset();
    this.hostCount = 0;
    this.hostTotal = 0;
  }

  /**
   * `updateFromLogits` for a metric whose per-row values over `softmax(logits)` sum to
   * `sumFromLogits(yTrue, logits)`: adds that sum and the row count (unweighted batches only).
   */
  protected accumulateFromLogits(
    yTrue: tf.Tensor,
    logits: tf.Tensor,
    sampleWeight: tf.Tensor | undefined,
    sumFromLogits: (yTrue: tf.Tensor, logits: tf.Tensor) => tf.Scalar | undefined,
  ): boolean {
    this.assertNotDisposed();
    if (sampleWeight !== undefined) return false;
    return tf.tidy(() => {
      const sum = sumFromLogits(yTrue, logits);
      if (sum === undefined) return false;
      this.updateSum(sum, logits.shape[0] as number);
      return true;
    });
  }

  protected stateShapes(): number[][] {
    return [[], []];
  }

  protected compute([total, count]: Float32Array[]): number {
    return divideNoNan(Math.fround(total![0]! + this.hostTotal), count![0]! + this.hostCount);
  }

  static fromConfig(config: tf.ConfigDict): Mean {
    return new Mean(config as MetricConfig);
  }
}
