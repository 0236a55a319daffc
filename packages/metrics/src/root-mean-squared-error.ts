import * as tf from '@dendrite/tensor';
import { Mean } from './mean.js';
import { type MetricConfig, squeezeOrExpand } from './metric.js';

/**
 * `sqrt` of the running (weighted) mean of the squared errors `(yPred - yTrue)^2` over every entry
 * since `reset` — the root of the epoch's mean, not a mean of batch roots (log name
 * `'root_mean_squared_error'`).
 * @example const m = new RootMeanSquaredError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // 0.5
 */
export class RootMeanSquaredError extends Mean {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'RootMeanSquaredError';

  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'root_mean_squared_error' });
  }

  /** Adds the squared errors of one batch, weighted by `sampleWeight`. */
  override update(yTrue: tf.Tensor, yPred?: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    if (yPred === undefined) {
      throw new tf.ConfigError(tf.configMessage(this.name, 'yPred', 'a tensor', yPred));
    }
    tf.tidy(() => {
      const [t, p] = squeezeOrExpand(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
      if (t.shape.join(',') !== p.shape.join(',')) {
        throw new tf.ShapeError(
          `RootMeanSquaredError: \`yTrue\` and \`yPred\` must have the same shape; received yTrue [${yTrue.shape.join(', ')}] and yPred [${yPred.shape.join(', ')}]`,
        );
      }
      super.update(tf.square(tf.sub(p, t)), sampleWeight);
    });
  }

  protected override compute(state: Float32Array[]): number {
    return Math.sqrt(super.compute(state));
  }

  static override fromConfig(config: tf.ConfigDict): RootMeanSquaredError {
    return new RootMeanSquaredError(config as MetricConfig);
  }
}
