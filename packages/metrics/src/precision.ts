import * as tf from '@dendrite/tensor';
import { confusionCounts } from './confusion-matrix.js';
import { divideNoNan, type MetricConfig, StatefulMetric } from './metric.js';

/** Options of {@link Precision} and {@link Recall}. */
export interface ThresholdConfig extends MetricConfig {
  /** Predictions strictly above it count as positive; in [0, 1]. @defaultValue 0.5 */
  readonly thresholds?: number;
}

/** Validates the threshold of a precision or recall metric. */
export function checkThreshold(owner: string, value: number | undefined): number {
  return tf.checkNumber(owner, 'thresholds', value ?? 0.5, { min: 0, max: 1 });
}

/**
 * Precision `tp / (tp + fp)` over all batches since `reset` (0 when nothing was predicted
 * positive); labels are positive when non-zero, predictions when above `thresholds`.
 * @example const p = new Precision(); p.update(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.8, 0.1])); p.result() // 0.5
 */
export class Precision extends StatefulMetric {
  static readonly className = 'Precision';
  readonly thresholds: number;

  constructor(config: ThresholdConfig = {}) {
    super('precision', config);
    this.thresholds = checkThreshold('Precision', config.thresholds);
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const [tp, fp] = confusionCounts('Precision', [this.thresholds], yTrue, yPred, sampleWeight);
      this.accumulate([tp, fp]);
    });
  }

  protected stateShapes(): number[][] {
    return [[1], [1]];
  }

  protected compute([tp, fp]: Float32Array[]): number {
    return divideNoNan(tp![0]!, tp![0]! + fp![0]!);
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), thresholds: this.thresholds };
  }

  static fromConfig(config: tf.ConfigDict): Precision {
    return new Precision(config as ThresholdConfig);
  }
}
