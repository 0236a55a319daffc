import * as tf from '@dendrite/tensor';
import type { Shape } from '../shape.js';

/** One axis of a resolved slice: an index (the axis goes), a range, or a new axis of size 1. */
type AxisSlice =
  | { readonly kind: 'index'; readonly index: number }
  | {
      readonly kind: 'range';
      readonly start: number | null;
      readonly stop: number | null;
      readonly step: number;
    }
  | { readonly kind: 'newAxis' };

const FULL: AxisSlice = { kind: 'range', start: null, stop: null, step: 1 };

function isEllipsis(item: unknown): boolean {
  // tf.keras saves `...` as {"class_name": "__ellipsis__"}; a snake-to-camel conversion of the
  // config turns that into {className: "Ellipsis"}.
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const record = item as Record<string, unknown>;
  const name = record.className ?? record.class_name;
  return typeof name === 'string' && name.replace(/_/g, '').toLowerCase() === 'ellipsis';
}

function optionalInteger(owner: string, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (Number.isInteger(value)) return value as number;
  throw new tf.ConfigError(
    tf.configMessage(owner, 'sliceSpec', 'slice bounds that are integers or null', value),
  );
}

/**
 * Reads tf.keras' saved `slice_spec` (`x[:, -1]` is `[{start, stop, step}, -1]`; `null` is
 * `tf.newaxis`; `{"class_name": "__ellipsis__"}` is `...`) into one entry per input axis.
 */
export function resolveSliceSpec(owner: string, spec: unknown, rank: number): AxisSlice[] {
  const items = Array.isArray(spec) ? spec : [spec];
  const parsed: Array<AxisSlice | 'ellipsis'> = items.map((item) => {
    if (isEllipsis(item)) return 'ellipsis';
    if (item === null) return { kind: 'newAxis' };
    if (Number.isInteger(item)) return { kind: 'index', index: item as number };
    if (typeof item === 'object' && !Array.isArray(item)) {
      const record = item as Record<string, unknown>;
      const step = optionalInteger(owner, record.step) ?? 1;
      if (step === 0) {
        throw new tf.ConfigError(
          tf.configMessage(owner, 'sliceSpec', 'a slice step other than 0', 0),
        );
      }
      return {
        kind: 'range',
        start: optionalInteger(owner, record.start),
        stop: optionalInteger(owner, record.stop),
        step,
      };
    }
    throw new tf.ConfigError(
      tf.configMessage(
        owner,
        'sliceSpec',
        'integers, {start, stop, step} slices, null (new axis) or an ellipsis',
        item,
      ),
    );
  });
  if (parsed.filter((p) => p === 'ellipsis').length > 1) {
    throw new tf.ConfigError(tf.configMessage(owner, 'sliceSpec', 'at most one ellipsis', spec));
  }
  const consumed = parsed.filter((p) => p !== 'ellipsis' && p.kind !== 'newAxis').length;
  if (consumed > rank) {
    throw new tf.ShapeError(
      `${owner}: the slice indexes ${consumed} axes of an input of rank ${rank}`,
    );
  }
  // NumPy: an ellipsis (implicit at the end) stands for every axis the spec leaves out.
  const at = parsed.indexOf('ellipsis');
  const fill: AxisSlice[] = new Array(rank - consumed).fill(FULL);
  const head = (at === -1 ? parsed : parsed.slice(0, at)) as AxisSlice[];
  const tail = (at === -1 ? [] : parsed.slice(at + 1)) as AxisSlice[];
  return [...head, ...fill, ...tail];
}

/** Python's `slice.indices(length)`: concrete start, stop and step. */
function indices(
  slice: { start: number | null; stop: number | null; step: number },
  length: number,
) {
  const { step } = slice;
  const clamp = (v: number, low: number, high: number) => Math.min(Math.max(v, low), high);
  const bound = (v: number | null, fallback: number) => {
    if (v === null) return fallback;
    const w = v < 0 ? v + length : v;
    return step > 0 ? clamp(w, 0, length) : clamp(w, -1, length - 1);
  };
  const start = bound(slice.start, step > 0 ? 0 : length - 1);
  const stop = bound(slice.stop, step > 0 ? length : -1);
  const count =
    step > 0
      ? Math.max(0, Math.ceil((stop - start) / step))
      : Math.max(0, Math.ceil((start - stop) / -step));
  return { start, step, count };
}

/** Applies resolved axis slices to `x`, as NumPy's basic indexing does. */
export function applySlices(owner: string, x: tf.Tensor, slices: readonly AxisSlice[]): tf.Tensor {
  let y = x;
  let axis = 0;
  const squeeze: number[] = [];
  const expand: number[] = [];
  let outAxis = 0;
  for (const slice of slices) {
    if (slice.kind === 'newAxis') {
      expand.push(outAxis++);
      continue;
    }
    const length = x.shape[axis] as number;
    if (slice.kind === 'index') {
      const index = slice.index < 0 ? slice.index + length : slice.index;
      if (index < 0 || index >= length) {
        throw new tf.ShapeError(
          `${owner}: index ${slice.index} is out of range for axis ${axis} of size ${length}; input shape [${x.shape}]`,
        );
      }
      y = tf.slice(y, axisVector(y.rank, axis, index), axisVector(y.rank, axis, 1, -1));
      squeeze.push(axis);
    } else {
      const { start, step, count } = indices(slice, length);
      const positions = Array.from({ length: count }, (_, i) => start + i * step);
      y = tf.gather(y, tf.tensor1d(positions, 'int32'), axis);
      outAxis++;
    }
    axis++;
  }
  if (squeeze.length > 0) y = tf.squeeze(y, squeeze);
  for (const position of expand) y = tf.expandDims(y, position);
  return y;
}

function axisVector(rank: number, axis: number, value: number, rest = 0): number[] {
  return Array.from({ length: rank }, (_, i) => (i === axis ? value : rest));
}

/** The output shape of {@link applySlices} for an input shape with unknown (`null`) sizes. */
export function slicedShape(shape: Shape, slices: readonly AxisSlice[]): Shape {
  const out: Array<number | null> = [];
  let axis = 0;
  for (const slice of slices) {
    if (slice.kind === 'newAxis') {
      out.push(1);
      continue;
    }
    const length = shape[axis];
    if (slice.kind === 'range')
      out.push(length === null || length === undefined ? null : indices(slice, length).count);
    axis++;
  }
  return out;
}
