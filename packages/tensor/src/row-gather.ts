/**
 * Copies rows `order[start]`, `order[start + 1]`, … (`count` of them) of `source`, rows of
 * `rowSize` values, into the first `count · rowSize` values of `target`, in that order. Every
 * index must name a row of `source`.
 */
export type RowGather = (
  source: Float32Array,
  order: Int32Array,
  start: number,
  count: number,
  rowSize: number,
  target: Float32Array,
) => void;

const gathers = new Map<string, RowGather>();

/**
 * Offers a faster {@link RowGather} for batches trained on `backendName` (the native backend
 * copies rows on its own threads); `fit` uses it for float32 rows of 64 values or more.
 */
export function registerRowGather(backendName: string, gather: RowGather): void {
  gathers.set(backendName, gather);
}

/** The {@link RowGather} registered for `backendName`, if any. */
export function rowGather(backendName: string): RowGather | undefined {
  return gathers.get(backendName);
}
