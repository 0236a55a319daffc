import * as tf from '@dendrite/tensor';
import { type MetricConfig, StatefulMetric } from './metric.js';
import { reduceToSamplewise } from './reduce.js';

/**
 * The (weighted) sum of every value seen since `reset`. Signature `update(values, sampleWeight?)`.
 * @example const s = new Sum(); s.update(tf.tensor1d([1, 2])); s.update(tf.tensor1d([4]), tf.tensor1d([0.5])); s.result() // 5
 */
export class Sum extends StatefulMetric {
  static readonly className = 'Sum';

  constructor(config: MetricConfig = {}) {
    super('sum', config);
  }

  /** Adds `values` times `sampleWeight`. */
  override update(values: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const [v] = reduceToSamplewise('Sum', values, sampleWeight, (x, axes) => tf.sum(x, axes));
      this.accumulate([tf.sum(v)]);
    });
  }

  protected stateShapes(): number[][] {
    return [[]];
  }

  protected compute([total]: Float32Array[]): number {
    return total![0]!;
  }

  static fromConfig(config: tf.ConfigDict): Sum {
    return new Sum(config as MetricConfig);
  }
}
