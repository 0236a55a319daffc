import * as tf from '@dendrite/tensor';
import { type MetricConfig, StatefulMetric, squeezeOrExpand } from './metric.js';

/** How {@link R2Score} combines the scores of the output columns. */
export type R2ClassAggregation = 'uniform_average' | 'variance_weighted_average';

/** Options of {@link R2Score}. */
export interface R2ScoreConfig extends MetricConfig {
  /**
   * `'uniform_average'` (mean of the column scores) or `'variance_weighted_average'` (weighted by
   * each column's total sum of squares). @defaultValue 'uniform_average'
   */
  readonly classAggregation?: R2ClassAggregation;
  /** Number of regressors for the adjusted R2; 0 is the plain R2. @defaultValue 0 */
  readonly numRegressors?: number;
}

/**
 * The coefficient of determination `1 - SSres / SStot` per output column of `[batch, outputs]`
 * data, accumulated exactly over batches (sums of `y`, `y^2`, squared residuals and weights), as
 * Keras 3's `R2Score`. A column with no variance but residuals scores 0; `NaN` before any data.
 * @example const r2 = new R2Score(); r2.update(tf.tensor2d([[1], [4], [3]]), tf.tensor2d([[2], [4], [4]])); r2.result() // ≈ 0.5714
 */
export class R2Score extends StatefulMetric {
  override readonly direction = 'max' as const;
  static readonly className = 'R2Score';
  readonly classAggregation: R2ClassAggregation;
  readonly numRegressors: number;
  private outputs: number | undefined;

  constructor(config: R2ScoreConfig = {}) {
    super('r2_score', config);
    this.classAggregation = tf.checkChoice(
      'R2Score',
      'classAggregation',
      config.classAggregation ?? 'uniform_average',
      ['uniform_average', 'variance_weighted_average'],
    );
    this.numRegressors = tf.checkNumber('R2Score', 'numRegressors', config.numRegressors ?? 0, {
      min: 0,
      integer: true,
    });
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const [t, p] = squeezeOrExpand(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
      const outputs = p.shape[1];
      const sameShape = t.shape.join(',') === p.shape.join(',');
      if (p.rank !== 2 || !sameShape || (this.outputs !== undefined && outputs !== this.outputs)) {
        throw new tf.ShapeError(
          `R2Score: \`yTrue\` and \`yPred\` must both have shape [batch, ${this.outputs ?? 'outputs'}]; received yTrue [${yTrue.shape.join(', ')}] and yPred [${yPred.shape.join(', ')}]`,
        );
      }
      let w: tf.Tensor = tf.onesLike(t);
      if (sampleWeight !== undefined) {
        w = tf.cast(sampleWeight, 'float32');
        if (w.rank === 1) w = tf.expandDims(w, 1);
        const fits = w.rank <= 2 && w.shape.every((s, i) => s === 1 || s === t.shape[i]);
        if (!fits) {
          throw new tf.ShapeError(
            `R2Score: \`sampleWeight\` of shape [${sampleWeight.shape.join(', ')}] does not broadcast to yTrue [${t.shape.join(', ')}]`,
          );
        }
        w = tf.broadcastTo(w, t.shape);
      }
      this.outputs = outputs;
      const weighted = tf.mul(t, w);
      this.accumulate([
        tf.scalar(t.size),
        tf.sum(weighted, 0),
        tf.sum(tf.mul(t, weighted), 0),
        tf.sum(tf.mul(tf.square(tf.sub(t, p)), w), 0),
        tf.sum(w, 0),
      ]);
    });
  }

  protected stateShapes(): number[][] {
    const d = this.outputs ?? 1;
    return [[], [d], [d], [d], [d]];
  }

  protected compute([numSamples, sum, squaredSum, residual, count]: Float32Array[]): number {
    const totals: number[] = [];
    const scores = Array.from(sum!, (s, i) => {
      const mean = s / count![i]!;
      const total = squaredSum![i]! - s * mean;
      totals.push(total);
      const score = 1 - residual![i]! / total;
      return Number.isFinite(score) || Number.isNaN(score) ? score : 0;
    });
    let r2: number;
    if (this.classAggregation === 'uniform_average') {
      r2 = scores.reduce((a, b) => a + b, 0) / scores.length;
    } else {
      const weighted = scores.reduce((acc, score, i) => acc + score * totals[i]!, 0);
      r2 = weighted / totals.reduce((a, b) => a + b, 0);
    }
    const n = numSamples![0]!;
    const k = this.numRegressors;
    // Keras falls back to the plain score when the adjustment would divide by zero or flip sign.
    if (k === 0 || k >= n - 1) return r2;
    return 1 - ((1 - r2) * (n - 1)) / (n - k - 1);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      classAggregation: this.classAggregation,
      numRegressors: this.numRegressors,
    };
  }

  static fromConfig(config: tf.ConfigDict): R2Score {
    return new R2Score(config as R2ScoreConfig);
  }
}
