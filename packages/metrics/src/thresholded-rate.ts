import * as tf from '@dendrite/tensor';
import { confusionCounts, NEG_INF } from './confusion-matrix.js';
import { divideNoNan } from './metric.js';
import { type NamedMetricClass, namedMetricClass } from './named-class.js';
import {
  checkOptionalIndex,
  parseThresholds,
  ThresholdedMetric,
  type Thresholds,
  type ThresholdsConfig,
} from './thresholds.js';

/** Options of `Precision` and `Recall`. */
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
 * A rate `tp / (tp + other)` per threshold over all batches since `reset`, where `other` is the
 * false positives (precision) or false negatives (recall); Keras' `Precision` and `Recall` share
 * it. With a list of `thresholds`, read the values with `resultArray()`.
 */
export abstract class ThresholdedRate extends ThresholdedMetric {
  override readonly direction = 'max' as const;
  /** The thresholds as configured (0.5 by default; absent with only `topK`). */
  readonly thresholds: Thresholds | undefined;
  readonly topK: number | undefined;
  readonly classId: number | undefined;
  private readonly resolved: ResolvedThresholdConfig;

  /** @param other - The confusion cell beside `tp` in the denominator. */
  constructor(
    defaultName: string,
    private readonly other: 'fp' | 'fn',
    config: ThresholdConfig = {},
  ) {
    super(defaultName, config);
    this.resolved = resolveThresholdConfig(this.getClassName(), config);
    ({ thresholds: this.thresholds, topK: this.topK, classId: this.classId } = this.resolved);
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const [tp, fp, , fn] = confusionCounts(
        this.getClassName(),
        this.resolved.list,
        yTrue,
        yPred,
        sampleWeight,
        {
          ...(this.topK !== undefined && { topK: this.topK }),
          ...(this.classId !== undefined && { classId: this.classId }),
        },
      );
      this.accumulate([tp, this.other === 'fp' ? fp : fn]);
    });
  }

  protected thresholdList(): readonly number[] {
    return this.resolved.list;
  }

  protected stateShapes(): number[][] {
    const n = this.resolved.list.length;
    return [[n], [n]];
  }

  protected computeArray([tp, other]: Float32Array[]): number[] {
    return Array.from(tp!, (t, i) => divideNoNan(t, t + other![i]!));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), ...thresholdConfigEntries(this.resolved) };
  }
}

/**
 * A {@link ThresholdedRate} class under its Keras class and log names.
 * @param other - The confusion cell beside `tp` in the denominator.
 */
export function thresholdedRateClass(
  className: string,
  defaultName: string,
  other: 'fp' | 'fn',
): NamedMetricClass<ThresholdConfig, ThresholdedRate> {
  return namedMetricClass(ThresholdedRate, className, defaultName, other);
}
