import * as tf from '@dendrite/tensor';
import { Dataset } from './dataset.js';
import { isTypedArray, type NumericTypedArray } from './samples.js';
import { cloneTree } from './tensor-tree.js';

/** Per-sample data for {@link fromArrays}: a tensor, a typed array or (nested) number arrays. */
export type ArraySource = tf.Tensor | NumericTypedArray | readonly number[] | readonly unknown[];

interface Column {
  readonly values: NumericTypedArray;
  readonly sampleShape: number[];
  readonly sampleSize: number;
  readonly dtype: 'float32' | 'int32' | 'bool';
  readonly count: number;
}

const INTEGER_ARRAYS = [Int8Array, Int16Array, Int32Array, Uint8Array, Uint16Array];

function readColumn(name: string, source: ArraySource): Column {
  let values: NumericTypedArray;
  let shape: number[];
  let dtype: Column['dtype'];
  if (source instanceof tf.Tensor) {
    if (source.rank === 0 || source.dtype === 'string' || source.dtype === 'complex64') {
      throw new tf.ConfigError(
        tf.configMessage('fromArrays', name, 'a numeric tensor of rank >= 1', source),
      );
    }
    // A copy, so the dataset stays valid after the caller disposes `source`.
    values = (source.dataSync() as NumericTypedArray).slice();
    shape = source.shape;
    dtype = source.dtype as Column['dtype'];
  } else if (isTypedArray(source)) {
    const integer = INTEGER_ARRAYS.some((Type) => source instanceof Type);
    values = integer ? Int32Array.from(source) : Float32Array.from(source);
    shape = [source.length];
    dtype = integer ? 'int32' : 'float32';
  } else if (Array.isArray(source)) {
    let tensor: tf.Tensor;
    try {
      tensor = tf.tensor(source as number[], undefined, 'float32');
    } catch (error) {
      throw new tf.ShapeError(
        `fromArrays: \`${name}\` must be a rectangular number array; ${(error as Error).message}`,
      );
    }
    values = tensor.dataSync() as Float32Array;
    shape = tensor.shape;
    dtype = 'float32';
    tensor.dispose();
  } else {
    throw new tf.ConfigError(
      tf.configMessage('fromArrays', name, 'a tensor, a typed array or a number array', source),
    );
  }
  const sampleShape = shape.slice(1);
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  return { values, sampleShape, sampleSize, dtype, count: shape[0] as number };
}

function sample(column: Column, i: number): tf.Tensor {
  const { values, sampleSize, sampleShape, dtype } = column;
  return tf.tensor(values.subarray(i * sampleSize, (i + 1) * sampleSize), sampleShape, dtype);
}

/** Elements of a dataset built from features and targets. */
export interface XY {
  readonly xs: tf.Tensor;
  readonly ys: tf.Tensor;
}

/**
 * A dataset with one element per sample (along the first axis) of `xs`, or `{xs, ys}` pairs when
 * `ys` is given — the element form `fitDataset` expects after `.batch(n)`. The values are copied
 * once, so the inputs may be disposed afterwards; every element is a new tensor the consumer owns.
 * Typed arrays of integers give int32 elements, tensors keep their dtype, the rest are float32.
 * @example
 * const ds = fromArrays(images, labels).shuffle(1000).batch(64);
 */
export function fromArrays(xs: ArraySource): Dataset<tf.Tensor>;
export function fromArrays(xs: ArraySource, ys: ArraySource): Dataset<XY>;
export function fromArrays(xs: ArraySource, ys?: ArraySource): Dataset<tf.Tensor | XY> {
  const x = readColumn('xs', xs);
  const y = ys === undefined ? undefined : readColumn('ys', ys);
  if (y && y.count !== x.count) {
    throw new tf.ShapeError(
      `fromArrays: \`xs\` and \`ys\` must have the same number of samples; received ${x.count} and ${y.count}`,
    );
  }
  return new Dataset<tf.Tensor | XY>(async function* () {
    for (let i = 0; i < x.count; i++) {
      yield y ? { xs: sample(x, i), ys: sample(y, i) } : sample(x, i);
    }
  }, x.count);
}

/** Alias of {@link fromArrays} for tensor inputs. @example fromTensors(x, y).batch(32) */
export const fromTensors = fromArrays;

/** What {@link fromIterable} accepts. */
export type IterableSource<T> =
  | Iterable<T>
  | AsyncIterable<T>
  | (() => Iterable<T> | AsyncIterable<T>);

/** Options of {@link fromIterable}. */
export interface FromIterableOptions {
  /**
   * Clone the tensors of each element, leaving the source's tensors to their owner. Otherwise
   * the source hands its tensors to the pipeline, which disposes or passes them on.
   * @defaultValue true for an array source, false otherwise (functions, generators)
   */
  readonly clone?: boolean;
}

function iterate<T>(iterable: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  const asyncIterable = iterable as AsyncIterable<T>;
  if (typeof asyncIterable[Symbol.asyncIterator] === 'function') {
    return asyncIterable[Symbol.asyncIterator]();
  }
  return (iterable as Iterable<T>)[Symbol.iterator]();
}

/**
 * A dataset over any sync or async iterable. To iterate more than once (several epochs), pass an
 * array or a function returning a fresh iterable (e.g. a generator function); a one-shot iterator
 * such as a generator object can be iterated once and then throws.
 * @example
 * const ds = fromIterable(async function* () { for (const path of files) yield await load(path); });
 */
export function fromIterable<T>(
  source: IterableSource<T>,
  options: FromIterableOptions = {},
): Dataset<T> {
  const isFunction = typeof source === 'function';
  if (!isFunction && iterateOrNull(source) === null) {
    throw new tf.ConfigError(
      tf.configMessage(
        'fromIterable',
        'source',
        'an iterable, an async iterable or a function returning one',
        source,
      ),
    );
  }
  const clone = options.clone ?? Array.isArray(source);
  let consumed = false;
  return new Dataset<T>(
    async function* () {
      const iterable = isFunction ? source() : source;
      const iterator = iterate(iterable);
      if (!isFunction && (iterator as unknown) === iterable) {
        if (consumed) {
          throw new tf.ValueError(
            'fromIterable: the source is a one-shot iterator (e.g. a generator object) that was already consumed; pass a function returning a fresh iterable to iterate more than once',
          );
        }
        consumed = true;
      }
      const asIterable = { [Symbol.asyncIterator]: () => iterator } as AsyncIterable<T>;
      for await (const element of asIterable) yield clone ? cloneTree(element) : element;
    },
    Array.isArray(source) ? source.length : null,
  );
}

function iterateOrNull(value: unknown): object | null {
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Partial<Iterable<unknown> & AsyncIterable<unknown>>;
  return typeof candidate[Symbol.asyncIterator] === 'function' ||
    typeof candidate[Symbol.iterator] === 'function'
    ? value
    : null;
}
