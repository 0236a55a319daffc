import * as tf from '@dendrite/tensor';
import { type MetricConfig, StatefulMetric } from './metric.js';

/** One threshold, or a list of them (the metric then has one value per threshold). */
export type Thresholds = number | readonly number[];

/**
 * Validates `thresholds` (a number or a non-empty list, each in [0, 1]) and returns the list.
 * @example parseThresholds('Precision', [0.3, 0.5]) // [0.3, 0.5]
 */
export function parseThresholds(owner: string, value: unknown): number[] {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      throw new tf.ConfigError(
        tf.configMessage(owner, 'thresholds', 'a number or a non-empty list of numbers', value),
      );
    }
    return value.map((v, i) => tf.checkNumber(owner, `thresholds[${i}]`, v, { min: 0, max: 1 }));
  }
  return [tf.checkNumber(owner, 'thresholds', value, { min: 0, max: 1 })];
}

/** Validates an optional class index (`classId`) or `topK`. */
export function checkOptionalIndex(
  owner: string,
  argument: 'classId' | 'topK',
  value: unknown,
): number | undefined {
  if (value === undefined) return undefined;
  return tf.checkNumber(owner, argument, value, {
    min: argument === 'topK' ? 1 : 0,
    integer: true,
  });
}

/**
 * The base of metrics with one value per threshold (Keras returns a list when `thresholds` is a
 * list): `resultArray()` gives every value; `result()` gives the value of a single-threshold
 * metric and throws a `ValueError` for a list, whose values cannot be one log number.
 */
export abstract class ThresholdedMetric extends StatefulMetric {
  /** The thresholds compared with the predictions (`prediction > threshold` is positive). */
  protected abstract thresholdList(): readonly number[];

  /** One value per threshold from the state read back. */
  protected abstract computeArray(state: Float32Array[]): number[];

  /** The value at every threshold, in the order given (one device sync). */
  resultArray(): number[] {
    return this.computeArray(this.readState());
  }

  protected compute(state: Float32Array[]): number {
    const count = this.thresholdList().length;
    if (count !== 1) {
      throw new tf.ValueError(
        `${this.getClassName()} '${this.name}' has ${count} thresholds, so one value per threshold; read them with resultArray()`,
      );
    }
    return this.computeArray(state)[0] as number;
  }
}

/** Options shared by thresholded metrics. */
export interface ThresholdsConfig extends MetricConfig {
  /**
   * Predictions strictly above a threshold count as positive; a number or a list of numbers in
   * [0, 1] (a list gives one value per threshold, read with `resultArray()`). @defaultValue 0.5
   */
  readonly thresholds?: Thresholds;
}
