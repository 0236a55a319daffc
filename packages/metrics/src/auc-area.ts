import { divideNoNan } from './metric.js';

/** Which curve {@link AUC} integrates. */
export type AUCCurve = 'ROC' | 'PR';
/** How {@link AUC} sums the area between thresholds. */
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

/** Confusion counts at each threshold, for one label. */
export interface CurveCounts {
  readonly tp: ArrayLike<number>;
  readonly fp: ArrayLike<number>;
  readonly tn: ArrayLike<number>;
  readonly fn: ArrayLike<number>;
}

/**
 * Area under the precision-recall curve with Davis & Goadrich interpolation ("The Relationship
 * Between Precision-Recall and ROC Curves", ICML 2006): true and false positives vary linearly
 * between thresholds, which integrates in closed form (Keras' `interpolate_pr_auc`).
 */
function interpolatedPrArea({ tp, fp, fn }: CurveCounts): number {
  let area = 0;
  for (let i = 0; i < tp.length - 1; i++) {
    const dtp = tp[i]! - tp[i + 1]!;
    const p0 = tp[i]! + fp[i]!;
    const p1 = tp[i + 1]! + fp[i + 1]!;
    const slope = divideNoNan(dtp, Math.max(p0 - p1, 0));
    const intercept = tp[i + 1]! - slope * p1;
    const ratio = p0 > 0 && p1 > 0 ? divideNoNan(p0, Math.max(p1, 0)) : 1;
    area += divideNoNan(
      slope * (dtp + intercept * Math.log(ratio)),
      Math.max(tp[i + 1]! + fn[i + 1]!, 0),
    );
  }
  return area;
}

/**
 * The Riemann-sum area under the ROC or PR curve through the points given by the counts at
 * each threshold, as Keras' `AUC.result` for one label.
 */
export function curveArea(
  counts: CurveCounts,
  curve: AUCCurve,
  summationMethod: AUCSummationMethod,
): number {
  if (curve === 'PR' && summationMethod === 'interpolation') return interpolatedPrArea(counts);
  const { tp, fp, tn, fn } = counts;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < tp.length; i++) {
    const recall = divideNoNan(tp[i]!, tp[i]! + fn[i]!);
    if (curve === 'ROC') {
      x.push(divideNoNan(fp[i]!, fp[i]! + tn[i]!));
      y.push(recall);
    } else {
      x.push(recall);
      y.push(divideNoNan(tp[i]!, tp[i]! + fp[i]!));
    }
  }
  let area = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const a = y[i]!;
    const b = y[i + 1]!;
    const height =
      summationMethod === 'interpolation'
        ? (a + b) / 2
        : summationMethod === 'minoring'
          ? Math.min(a, b)
          : Math.max(a, b);
    area += (x[i]! - x[i + 1]!) * height;
  }
  return area;
}

/** Column `label` of a row-major `[thresholds, labels]` array. */
export function column(values: Float32Array, label: number, numLabels: number): Float32Array {
  return values.filter((_, i) => i % numLabels === label);
}
