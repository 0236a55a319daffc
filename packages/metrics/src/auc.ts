import * as tf from '@dendrite/tensor';
import { confusionCounts } from './confusion-matrix.js';
import { divideNoNan, type MetricConfig, StatefulMetric } from './metric.js';

/** Which curve {@link AUC} integrates. */
export type AUCCurve = 'ROC' | 'PR';
/** How {@link AUC} sums the area between thresholds. */
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

/** Options of {@link AUC}. */
export interface AUCConfig extends MetricConfig {
  /** Number of thresholds, an integer > 1. @defaultValue 200 */
  readonly numThresholds?: number;
  /** `'ROC'` (true-positive rate against false-positive rate) or `'PR'` (precision-recall). @defaultValue 'ROC' */
  readonly curve?: AUCCurve;
  /**
   * `'interpolation'` (trapezoids for ROC; Davis & Goadrich interpolation for PR), `'minoring'`
   * or `'majoring'` (left/right Riemann sums). @defaultValue 'interpolation'
   */
  readonly summationMethod?: AUCSummationMethod;
}

const DEFAULTS = Object.freeze({
  numThresholds: 200,
  curve: 'ROC' as AUCCurve,
  summationMethod: 'interpolation' as AUCSummationMethod,
});

/**
 * Keras' thresholds: `numThresholds` evenly spaced points in [0, 1] with the ends moved to
 * `-1e-7` and `1 + 1e-7`, so predictions of exactly 0 and 1 are counted.
 */
export function aucThresholds(numThresholds: number): number[] {
  const inner = Array.from({ length: numThresholds - 2 }, (_, i) => (i + 1) / (numThresholds - 1));
  return [-1e-7, ...inner, 1 + 1e-7];
}

/**
 * Area under the ROC or PR curve, approximated by Keras' thresholded confusion matrix (Davis &
 * Goadrich, "The Relationship Between Precision-Recall and ROC Curves", ICML 2006, for the PR
 * interpolation). Predictions should lie in [0, 1]; labels are positive when non-zero; every axis
 * is flattened (Keras' `multi_label=false`).
 * @example const auc = new AUC({ numThresholds: 50 }); auc.update(labels, probabilities); auc.result();
 */
export class AUC extends StatefulMetric {
  static readonly className = 'AUC';
  readonly numThresholds: number;
  readonly curve: AUCCurve;
  readonly summationMethod: AUCSummationMethod;
  private readonly thresholds: number[];

  constructor(config: AUCConfig = {}) {
    super('auc', config);
    this.numThresholds = tf.checkNumber(
      'AUC',
      'numThresholds',
      config.numThresholds ?? DEFAULTS.numThresholds,
      { min: 1, minExclusive: true, integer: true },
    );
    this.curve = tf.checkChoice('AUC', 'curve', config.curve ?? DEFAULTS.curve, ['ROC', 'PR']);
    this.summationMethod = tf.checkChoice(
      'AUC',
      'summationMethod',
      config.summationMethod ?? DEFAULTS.summationMethod,
      ['interpolation', 'minoring', 'majoring'],
    );
    this.thresholds = aucThresholds(this.numThresholds);
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      this.accumulate(confusionCounts('AUC', this.thresholds, yTrue, yPred, sampleWeight));
    });
  }

  protected stateShapes(): number[][] {
    const n = this.numThresholds;
    return [[n], [n], [n], [n]];
  }

  protected compute([tp, fp, tn, fn]: Float32Array[]): number {
    const n = this.numThresholds;
    const at = (a: Float32Array | undefined, i: number) => a![i]!;
    if (this.curve === 'PR' && this.summationMethod === 'interpolation') {
      let area = 0;
      for (let i = 0; i < n - 1; i++) {
        const dtp = at(tp, i) - at(tp, i + 1);
        const p0 = at(tp, i) + at(fp, i);
        const p1 = at(tp, i + 1) + at(fp, i + 1);
        const slope = divideNoNan(dtp, Math.max(p0 - p1, 0));
        const intercept = at(tp, i + 1) - slope * p1;
        const ratio = p0 > 0 && p1 > 0 ? divideNoNan(p0, Math.max(p1, 0)) : 1;
        area += divideNoNan(
          slope * (dtp + intercept * Math.log(ratio)),
          Math.max(at(tp, i + 1) + at(fn, i + 1), 0),
        );
      }
      return area;
    }
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const recall = divideNoNan(at(tp, i), at(tp, i) + at(fn, i));
      if (this.curve === 'ROC') {
        x.push(divideNoNan(at(fp, i), at(fp, i) + at(tn, i)));
        y.push(recall);
      } else {
        x.push(recall);
        y.push(divideNoNan(at(tp, i), at(tp, i) + at(fp, i)));
      }
    }
    let area = 0;
    for (let i = 0; i < n - 1; i++) {
      const a = y[i]!;
      const b = y[i + 1]!;
      const height =
        this.summationMethod === 'interpolation'
          ? (a + b) / 2
          : this.summationMethod === 'minoring'
            ? Math.min(a, b)
            : Math.max(a, b);
      area += (x[i]! - x[i + 1]!) * height;
    }
    return area;
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      numThresholds: this.numThresholds,
      curve: this.curve,
      summationMethod: this.summationMethod,
    };
  }

  static fromConfig(config: tf.ConfigDict): AUC {
    return new AUC(config as AUCConfig);
  }
}
