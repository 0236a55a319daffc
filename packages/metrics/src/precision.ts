import * as tf from '@dendrite/tensor';
import { confusionCounts, NEG_INF } from './confusion-matrix.js';
import { divideNoNan } from './metric.js';
import {
  checkOptionalIndex,
  parseThresholds,
  ThresholdedMetric,
  type Thresholds,
  type ThresholdsConfig,
} from './thresholds.js';

/** Options of {@link Precision} and {@link Recall}. */
export interface ThresholdConfig extends ThresholdsConfig {
  /**
   * Only the `topK` highest predictions of the last axis can count as positive; with no
   * `thresholds` given, every one of them does. @defaultValue undefined (no top-k filter)
   */
  readonly topK?: number;
  /** Count only this index of the last axis (`[batch, numClasses]` data). @defaultValue undefined */
  readonly classId?: number;
}

/** The validated options of a precision or recall metric. */
export interface ResolvedThresholdConfig {
  /** As given, or 0.5 when neither `thresholds` nor `topK` were. */
  readonly thresholds: Thresholds | undefined;
  readonly topK: number | undefined;
  readonly classId: number | undefined;
  readonly list: number[];
}

/** Validates the options of a precision or recall metric (Keras' `parse_init_thresholds`). */
export function resolveThresholdConfig(
  owner: string,
  config: ThresholdConfig,
): ResolvedThresholdConfig {
  const topK = checkOptionalIndex(owner, 'topK', config.topK);
  const classId = checkOptionalIndex(owner, 'classId', config.classId);
  if (config.thresholds === undefined && topK !== undefined) {
    return { thresholds: undefined, topK, classId, list: [NEG_INF] };
  }
  const list = parseThresholds(owner, config.thresholds ?? 0.5);
  const thresholds = Array.isArray(config.thresholds) ? [...list] : list[0];
  return { thresholds, topK, classId, list };
}

/** The config entries of a precision or recall metric, leaving out what was not set. */
export function thresholdConfigEntries(resolved: ResolvedThresholdConfig): tf.ConfigDict {
  const { thresholds, topK, classId } = resolved;
  return {
    ...(thresholds !== undefined && {
      thresholds: typeof thresholds === 'number' ? thresholds : [...thresholds],
    }),
    ...(topK !== undefined && { topK }),
    ...(classId !== undefined && { classId }),
  };
}

/**
 * Precision `tp / (tp + fp)` over all batches since `reset` (0 when nothing was predicted
 * positive); labels are positive when non-zero, predictions when above the threshold. With
 * `topK`, only the top-k predictions of each row can be positive; with `classId`, only that
 * class is counted. With a list of `thresholds`, read the values with `resultArray()`.
 * @example const p = new Precision(); p.update(tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.8, 0.1])); p.result() // 0.5
 */
export class Precision extends ThresholdedMetric {
  override readonly direction = 'max' as const;
  static readonly className = 'Precision';
  /** The thresholds as configured (0.5 by default; absent with only `topK`). */
  readonly thresholds: Thresholds | undefined;
  readonly topK: number | undefined;
  readonly classId: number | undefined;
  private readonly resolved: ResolvedThresholdConfig;

  constructor(config: ThresholdConfig = {}) {
    super('precision', config);
    this.resolved = resolveThresholdConfig('Precision', config);
    ({ thresholds: this.thresholds, topK: this.topK, classId: this.classId } = this.resolved);
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const [tp, fp] = confusionCounts(
        'Precision',
        this.resolved.list,
        yTrue,
        yPred,
        sampleWeight,
        {
          ...(this.topK !== undefined && { topK: this.topK }),
          ...(this.classId !== undefined && { classId: this.classId }),
        },
      );
      this.accumulate([tp, fp]);
    });
  }

  protected thresholdList(): readonly number[] {
    return this.resolved.list;
  }

  protected stateShapes(): number[][] {
    const n = this.resolved.list.length;
    return [[n], [n]];
  }

  protected computeArray([tp, fp]: Float32Array[]): number[] {
    return Array.from(tp!, (t, i) => divideNoNan(t, t + fp![i]!));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), ...thresholdConfigEntries(this.resolved) };
  }

  static fromConfig(config: tf.ConfigDict): Precision {
    return new Precision(config as ThresholdConfig);
  }
}
