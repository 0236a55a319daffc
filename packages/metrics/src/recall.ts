import * as tf from '@dendrite/tensor';
import { confusionCounts } from './confusion-matrix.js';
import { divideNoNan } from './metric.js';
import {
  type ResolvedThresholdConfig,
  resolveThresholdConfig,
  type ThresholdConfig,
  thresholdConfigEntries,
} from './precision.js';
import { ThresholdedMetric, type Thresholds } from './thresholds.js';

/**
 * Recall `tp / (tp + fn)` over all batches since `reset` (0 when there were no positives);
 * labels are positive when non-zero, predictions when above the threshold. `topK` and `classId`
 * work as in {@link Precision}. With a list of `thresholds`, read the values with `resultArray()`.
 * @example const r = new Recall(); r.update(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.8, 0.1])); r.result() // 0.5
 */
export class Recall extends ThresholdedMetric {
  override readonly direction = 'max' as const;
  static readonly className = 'Recall';
  /** The thresholds as configured (0.5 by default; absent with only `topK`). */
  readonly thresholds: Thresholds | undefined;
  readonly topK: number | undefined;
  readonly classId: number | undefined;
  private readonly resolved: ResolvedThresholdConfig;

  constructor(config: ThresholdConfig = {}) {
    super('recall', config);
    this.resolved = resolveThresholdConfig('Recall', config);
    ({ thresholds: this.thresholds, topK: this.topK, classId: this.classId } = this.resolved);
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const counts = confusionCounts('Recall', this.resolved.list, yTrue, yPred, sampleWeight, {
        ...(this.topK !== undefined && { topK: this.topK }),
        ...(this.classId !== undefined && { classId: this.classId }),
      });
      this.accumulate([counts[0], counts[3]]);
    });
  }

  protected thresholdList(): readonly number[] {
    return this.resolved.list;
  }

  protected stateShapes(): number[][] {
    const n = this.resolved.list.length;
    return [[n], [n]];
  }

  protected computeArray([tp, fn]: Float32Array[]): number[] {
    return Array.from(tp!, (t, i) => divideNoNan(t, t + fn![i]!));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), ...thresholdConfigEntries(this.resolved) };
  }

  static fromConfig(config: tf.ConfigDict): Recall {
    return new Recall(config as ThresholdConfig);
  }
}
