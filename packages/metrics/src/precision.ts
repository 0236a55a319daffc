import type * as tf from '@dendrite/tensor';
import { type ThresholdConfig, ThresholdedRate } from './thresholded-rate.js';

export type { ThresholdConfig } from './thresholded-rate.js';

/**
 * Precision `tp / (tp + fp)` over all batches since `reset` (0 when nothing was predicted
 * positive); labels are positive when non-zero, predictions when above the threshold. With
 * `topK`, only the top-k predictions of each row can be positive; with `classId`, only that
 * class is counted. With a list of `thresholds`, read the values with `resultArray()`.
 * @example const p = new Precision(); p.update(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.8, 0.1])); p.result() // 0.5
 */
export class Precision extends ThresholdedRate {
  override readonly direction = 'max' as const;
  static readonly className = 'Precision';

  constructor(config: ThresholdConfig = {}) {
    super('precision', 'fp', config);
  }

  static fromConfig(config: tf.ConfigDict): Precision {
    return new Precision(config as ThresholdConfig);
  }
}
