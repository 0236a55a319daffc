import * as tf from '@dendrite/tensor';

/** Data a scaler accepts: a tensor of rank >= 2 or rows of numbers (`number[][]`). */
export type ScalerInput = tf.Tensor | readonly (readonly number[])[];

/** Float32 tensor view of scaler input, checked against the fitted feature shape. */
export function toTensor(
  owner: string,
  x: ScalerInput,
  featureShape?: readonly number[],
): tf.Tensor {
  let tensor: tf.Tensor;
  if (x instanceof tf.Tensor) {
    tensor = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  } else if (Array.isArray(x)) {
    tensor = tf.tensor(x as number[][], undefined, 'float32');
  } else {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'x', 'a tensor or an array of rows of numbers', x),
    );
  }
  const shape = tensor.shape;
  const release = () => {
    if (tensor !== x) tensor.dispose();
  };
  if (tensor.rank < 2) {
    release();
    throw new tf.ShapeError(
      `${owner}: \`x\` must have shape [samples, ...features] (rank >= 2; reshape a single feature to [n, 1]); received shape [${shape.join(', ')}]`,
    );
  }
  if (featureShape && shape.slice(1).join(',') !== featureShape.join(',')) {
    release();
    throw new tf.ShapeError(
      `${owner}: \`x\` must have features of shape [${featureShape.join(', ')}] as in \`fit\`; received shape [${shape.join(', ')}]`,
    );
  }
  return tensor;
}

/** A fitted input as a row-major `rows` x `features` matrix. */
export interface FeatureMatrix {
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly features: number;
  readonly featureShape: number[];
}

/** Reads scaler input into a row-major matrix for float64 statistics. */
export function readMatrix(owner: string, x: ScalerInput): FeatureMatrix {
  const tensor = toTensor(owner, x);
  const values = tensor.dataSync();
  const featureShape = tensor.shape.slice(1);
  const rows = tensor.shape[0] as number;
  if (tensor !== x) tensor.dispose();
  if (rows === 0) {
    throw new tf.ValueError(`${owner}: \`fit\` needs at least one sample; received 0`);
  }
  return { values, rows, featureShape, features: values.length / rows };
}

/**
 * True where a feature is constant up to rounding, as scikit-learn's `_is_constant_feature`:
 * var <= n * eps * var + (n * mean * eps)^2.
 */
export function isConstantFeature(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  return variance <= n * eps * variance + (n * mean * eps) ** 2;
}

/** scikit-learn's `_handle_zeros_in_scale`: scales below 10 * eps become 1. */
export function handleZeroScale(scale: number): number {
  return scale < 10 * Number.EPSILON ? 1 : scale;
}

/** Reads a number array (or null) from a config field, validating its length. */
export function configNumbers(
  owner: string,
  name: string,
  value: unknown,
  length: number | undefined,
): number[] | null {
  if (value === null || value === undefined) return null;
  const ok =
    Array.isArray(value) &&
    value.every((v) => typeof v === 'number') &&
    (length === undefined || value.length === length);
  if (!ok) {
    throw new tf.ConfigError(
      tf.configMessage(owner, name, `null or an array of ${length ?? 'n'} numbers`, value),
    );
  }
  return value as number[];
}
