import { thresholdedRateClass } from './thresholded-rate.js';

export type { ThresholdConfig } from './thresholded-rate.js';

/**
 * Precision `tp / (tp + fp)` over all batches since `reset` (0 when nothing was predicted
 * positive); labels are positive when non-zero, predictions when above the threshold. With
 * `topK`, only the top-k predictions of each row can be positive; with `classId`, only that
 * class is counted. With a list of `thresholds`, read the values with `resultArray()`.
 * @example const p = new Precision(); p.update(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.8, 0.1])); p.result() // 0.5
 */
export const Precision = thresholdedRateClass('Precision', 'precision', 'fp');
/** An instance of {@link Precision}. */
export type Precision = InstanceType<typeof Precision>;
