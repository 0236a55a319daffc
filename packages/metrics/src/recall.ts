import { thresholdedRateClass } from './thresholded-rate.js';

/**
 * Recall `tp / (tp + fn)` over all batches since `reset` (0 when there were no positives);
 * labels are positive when non-zero, predictions when above the threshold. `topK` and `classId`
 * work as in {@link Precision}. With a list of `thresholds`, read the values with `resultArray()`.
 * @example const r = new Recall(); r.update(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.8, 0.1])); r.result() // 0.5
 */
export const Recall = thresholdedRateClass('Recall', 'recall', 'fn');
/** An instance of {@link Recall}. */
export type Recall = InstanceType<typeof Recall>;
