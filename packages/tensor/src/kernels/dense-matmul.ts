import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError, configMessage, ShapeError, ValueError } from '../errors.js';

/**
 * Name of Dendrite's fused dense kernel: `activation(op(a) · op(b) + bias)` for rank-2 float32
 * tensors, where `op` transposes when the matching attribute asks. Registered for `cpu` by
 * `registerDenseMatMulCpu` and for `webgpu` by `registerDenseMatMulWebGpu`; on other backends
 * the Dense layer keeps tfjs's own matMul.
 */
export const DendriteMatMul = 'DendriteMatMul';

/** The activations {@link DendriteMatMul} can fuse into its output. */
export type DendriteMatMulActivation = 'linear' | 'relu';

/** Inputs of {@link DendriteMatMul}: rank-2 float32 operands and an optional bias. */
export interface DendriteMatMulInputs extends tf.NamedTensorInfoMap {
  /** `[m, k]`, or `[k, m]` with `transposeA`. */
  a: tf.TensorInfo;
  /** `[k, n]`, or `[n, k]` with `transposeB`. */
  b: tf.TensorInfo;
  /** `[n]`, added to every output row before the activation. */
  bias?: tf.TensorInfo;
}

/** Attributes of {@link DendriteMatMul}. */
export interface DendriteMatMulAttrs {
  /** Use `a` transposed: `a` is `[k, m]` instead of `[m, k]`. @defaultValue false */
  readonly transposeA: boolean;
  /** Use `b` transposed: `b` is `[n, k]` instead of `[k, n]`. @defaultValue false */
  readonly transposeB: boolean;
  /** Applied to every output element after the bias. @defaultValue 'linear' */
  readonly activation: DendriteMatMulActivation;
}

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The checked operands and attributes of one {@link DendriteMatMul} call, as every backend reads them. */
export interface DenseMatMulCall {
  readonly a: tf.TensorInfo;
  readonly b: tf.TensorInfo;
  readonly bias: tf.TensorInfo | undefined;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly activation: DendriteMatMulActivation;
  /** Output rows, inner size and output columns: the product is `[m, k] · [k, n]`. */
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/**
 * Checks the inputs and attributes of a {@link DendriteMatMul} call (shared by its backends)
 * and returns them with the product's sizes; throws a `ConfigError`, `ShapeError` or
 * `ValueError` naming the argument otherwise.
 */
export function checkDenseMatMul(
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): DenseMatMulCall {
  const { a, b, bias } = inputs;
  const transposeA = attrs.transposeA === true;
  const transposeB = attrs.transposeB === true;
  const activation = attrs.activation ?? 'linear';
  if (activation !== 'linear' && activation !== 'relu') {
    throw new ConfigError(
      configMessage(DendriteMatMul, 'activation', "'linear' or 'relu'", activation),
    );
  }
  if (a === undefined || b === undefined) {
    throw new ShapeError(
      `${DendriteMatMul}: inputs \`a\` and \`b\` are both required; received ${a === undefined ? 'no `a`' : 'no `b`'}`,
    );
  }
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new ShapeError(
      `${DendriteMatMul}: \`a\` and \`b\` must be rank-2 tensors; received shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const [aRows, aCols] = a.shape as [number, number];
  const [bRows, bCols] = b.shape as [number, number];
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const kB = transposeB ? bCols : bRows;
  const n = transposeB ? bRows : bCols;
  if (k !== kB) {
    throw new ShapeError(
      `${DendriteMatMul}: inner sizes must match; received a ${formatShape(a.shape)} (transposeA ${transposeA}) with inner size ${k} and b ${formatShape(b.shape)} (transposeB ${transposeB}) with inner size ${kB}`,
    );
  }
  if (bias !== undefined && (bias.shape.length !== 1 || bias.shape[0] !== n)) {
    throw new ShapeError(
      `${DendriteMatMul}: \`bias\` must have shape [${n}] to match the output [${m}, ${n}]; received ${formatShape(bias.shape)}`,
    );
  }
  const named: Array<[string, tf.TensorInfo | undefined]> = [
    ['a', a],
    ['b', b],
    ['bias', bias],
  ];
  for (const [name, info] of named) {
    if (info !== undefined && info.dtype !== 'float32') {
      throw new ValueError(
        `${DendriteMatMul}: \`${name}\` must be a float32 tensor; received a ${info.dtype} tensor of shape ${formatShape(info.shape)}`,
      );
    }
  }
  return {
    a,
    b,
    bias,
    transposeA,
    transposeB,
    activation: activation as DendriteMatMulActivation,
    m,
    k,
    n,
  };
}
