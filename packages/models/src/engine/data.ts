import type { SymbolicTensor } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';

/** A host copy of a tensor: its values and shape, read from the device once per `fit`. */
export interface HostArray {
  readonly data: Float32Array | Int32Array;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  /** Values per sample (product of the non-batch dimensions). */
  readonly rowSize: number;
}

/** Samples in a host array. */
export function hostLength(array: HostArray): number {
  return array.shape[0] ?? 0;
}

/** Wraps host values as a {@link HostArray}. */
export function hostArray(data: Float32Array | Int32Array, shape: readonly number[]): HostArray {
  const rowSize = shape.slice(1).reduce((a, b) => a * b, 1);
  return { data, shape, dtype: data instanceof Int32Array ? 'int32' : 'float32', rowSize };
}

function fromValues(values: tf.TypedArray | string[], shape: number[]): HostArray {
  if (values instanceof Float32Array || values instanceof Int32Array)
    return hostArray(values, shape);
  if (Array.isArray(values)) {
    throw new tf.ConfigError(`string tensors cannot be fed to a model; received shape [${shape}]`);
  }
  return hostArray(Int32Array.from(values as Uint8Array), shape);
}

/** The part of the wasm backend used here: its tensors live on a heap readable in place. */
interface HeapBackend {
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/**
 * The values of `tensor` read in place where the active backend keeps them on a heap (wasm),
 * so `fit` holds no second copy of the training data; `undefined` elsewhere. The view is taken
 * anew after the heap grows (growing detaches the old one) and stays valid while the caller's
 * tensor lives, which spans the call that reads it.
 */
function heapArray(tensor: tf.Tensor): HostArray | undefined {
  const backend = tf.backend() as unknown as Partial<HeapBackend>;
  const owner = (
    tf.engine() as unknown as { state: { tensorInfo: WeakMap<object, { backend: unknown }> } }
  ).state.tensorInfo.get(tensor.dataId)?.backend;
  if (typeof backend.typedArrayFromHeap !== 'function' || owner !== backend) return undefined;
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') return undefined;
  const info: tf.TensorInfo = { dataId: tensor.dataId, shape: tensor.shape, dtype: tensor.dtype };
  const read = (backend as HeapBackend).typedArrayFromHeap.bind(backend);
  let view = read(info) as Float32Array | Int32Array;
  const shape = tensor.shape;
  return {
    get data() {
      if (view.buffer.byteLength === 0) view = read(info) as Float32Array | Int32Array;
      return view;
    },
    shape,
    dtype: tensor.dtype,
    rowSize: shape.slice(1).reduce((a, b) => a * b, 1),
  };
}

/** Reads a tensor to the host (one device sync), in place on the wasm heap. */
export async function toHost(tensor: tf.Tensor): Promise<HostArray> {
  return heapArray(tensor) ?? fromValues(await tensor.data(), tensor.shape);
}

/** Reads a tensor to the host synchronously (for `predict`, which is synchronous). */
export function toHostSync(tensor: tf.Tensor): HostArray {
  return heapArray(tensor) ?? fromValues(tensor.dataSync(), tensor.shape);
}

/** Rows `[start, end)` of a host array, as a view (no copy) that follows the source's. */
export function hostRows(array: HostArray, start: number, end: number): HostArray {
  return {
    get data() {
      return array.data.subarray(start * array.rowSize, end * array.rowSize);
    },
    shape: [end - start, ...array.shape.slice(1)],
    dtype: array.dtype,
    rowSize: array.rowSize,
  };
}

/** A tensor or a list of tensors as a list, checking every item is a tensor. */
export function toList(owner: string, argument: string, value: unknown): tf.Tensor[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => item instanceof tf.Tensor)) {
    throw new tf.ConfigError(
      tf.configMessage(owner, argument, 'a tensor or a list of tensors', value),
    );
  }
  return list as tf.Tensor[];
}

function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

/** Checks the tensors fit the symbolic inputs or outputs: count, rank and known dimensions. */
export function checkShapes(
  owner: string,
  argument: string,
  expected: readonly SymbolicTensor[],
  tensors: readonly tf.Tensor[],
  compareRank = true,
): void {
  if (tensors.length !== expected.length) {
    throw new tf.ShapeError(
      `${owner}: the model has ${expected.length} ${argument === 'x' ? 'input' : 'output'}(s) (${expected.map((t) => t.sourceLayer.name).join(', ')}); received ${tensors.length} tensor(s) for \`${argument}\``,
    );
  }
  tensors.forEach((tensor, i) => {
    const want = (expected[i] as SymbolicTensor).shape;
    if (!compareRank) return;
    const fits =
      tensor.rank === want.length &&
      want.every((dim, axis) => axis === 0 || dim === null || dim === tensor.shape[axis]);
    if (!fits) {
      const label = expected.length > 1 ? `${argument}[${i}]` : argument;
      throw new tf.ShapeError(
        `${owner}: \`${label}\` must have shape ${shapeText(want)} (for ${(expected[i] as SymbolicTensor).sourceLayer.name}); received shape ${shapeText(tensor.shape)}`,
      );
    }
  });
}

/** Checks every tensor has the same number of samples; returns it. */
export function checkSampleCounts(
  owner: string,
  groups: ReadonlyArray<readonly [string, readonly tf.Tensor[]]>,
): number {
  let count: number | undefined;
  let first = '';
  for (const [label, tensors] of groups) {
    tensors.forEach((tensor, i) => {
      const name = tensors.length > 1 ? `${label}[${i}]` : label;
      const n = tensor.shape[0];
      if (tensor.rank === 0 || n === undefined) {
        throw new tf.ShapeError(
          `${owner}: \`${name}\` must have a batch dimension; received a scalar`,
        );
      }
      if (count === undefined) {
        count = n;
        first = name;
      } else if (n !== count) {
        throw new tf.ShapeError(
          `${owner}: \`${first}\` and \`${name}\` must have the same number of samples; received ${count} and ${n}`,
        );
      }
    });
  }
  if (!count) {
    throw new tf.ValueError(`${owner}: received empty data (0 samples)`);
  }
  return count;
}

/** Throws a ValueError unless every label is an integer class index in `[0, numClasses)`. */
export function checkClassIndices(
  owner: string,
  label: string,
  array: HostArray,
  numClasses: number,
): void {
  const { data } = array;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      throw new tf.ValueError(
        `${owner}: \`${label}\` holds class indices for sparse_categorical_crossentropy, which must be integers in [0, ${numClasses}); received ${v} at sample ${Math.floor(i / array.rowSize)}`,
      );
    }
  }
}

/**
 * Per-sample weights from `classWeight` (Keras: the class is the label's argmax, or the rounded
 * label when there is one value per sample), times `sampleWeight` when both are given.
 */
export function sampleWeightsFor(
  owner: string,
  labels: HostArray,
  classWeight: Readonly<Record<number, number>> | undefined,
  sampleWeight: HostArray | undefined,
): HostArray | undefined {
  if (!classWeight && !sampleWeight) return undefined;
  const n = hostLength(labels);
  const out = new Float32Array(n);
  if (sampleWeight && sampleWeight.data.length !== n) {
    throw new tf.ShapeError(
      `${owner}: \`sampleWeight\` must have one value per sample (${n}); received shape [${sampleWeight.shape}]`,
    );
  }
  for (let i = 0; i < n; i++) {
    let w = sampleWeight ? (sampleWeight.data[i] as number) : 1;
    if (classWeight) {
      const row = labels.data.subarray(i * labels.rowSize, (i + 1) * labels.rowSize);
      let cls = 0;
      if (row.length === 1) {
        cls = Math.round(row[0] as number);
      } else {
        for (let j = 1; j < row.length; j++) if ((row[j] as number) > (row[cls] as number)) cls = j;
      }
      const factor = classWeight[cls];
      if (factor === undefined) {
        throw new tf.ValueError(
          `${owner}: \`classWeight\` has no weight for class ${cls} (sample ${i}); received keys [${Object.keys(classWeight).join(', ')}]`,
        );
      }
      w *= factor;
    }
    out[i] = w;
  }
  return hostArray(out, [n]);
}
