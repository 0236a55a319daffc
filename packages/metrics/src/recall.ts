import * as tf from '@dendrite/tensor';
import { confusionCounts } from './confusion-matrix.js';
import { divideNoNan, StatefulMetric } from './metric.js';
import { checkThreshold, type ThresholdConfig } from './precision.js';

/**
 * Recall `tp / (tp + fn)` over all batches since `reset` (0 when there were no positives);
 * labels are positive when non-zero, predictions when above `thresholds`.
 * @example const r = new Recall(); r.update(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.8, 0.1])); r.result() // 0.5
 */
export class Recall extends StatefulMetric {
  static readonly className = 'Recall';
  readonly thresholds: number;

  constructor(config: ThresholdConfig = {}) {
    super('recall', config);
    this.thresholds = checkThreshold('Recall', config.thresholds);
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const [tp, , , fn] = confusionCounts('Recall', [this.thresholds], yTrue, yPred, sampleWeight);
      this.accumulate([tp, fn]);
    });
  }

  protected stateShapes(): number[][] {
    return [[1], [1]];
  }

  protected compute([tp, fn]: Float32Array[]): number {
    return divideNoNan(tp![0]!, tp![0]! + fn![0]!);
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), thresholds: this.thresholds };
  }

  static fromConfig(config: tf.ConfigDict): Recall {
    return new Recall(config as ThresholdConfig);
  }
}
