import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError, configMessage, ShapeError, ValueError } from '../errors.js';
import type { DendriteMatMulActivation } from './dense-matmul-cpu.js';

/** The validated inputs and attributes of one `DendriteMatMul` call, with its sizes. */
export interface DenseMatMulCall {
  readonly a: tf.TensorInfo;
  readonly b: tf.TensorInfo;
  readonly bias: tf.TensorInfo | undefined;
  /** Rows of the output. */
  readonly m: number;
  /** The inner size. */
  readonly k: number;
  /** Columns of the output. */
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly activation: DendriteMatMulActivation;
}

const KERNEL = 'DendriteMatMul';

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function checkFloat32(info: tf.TensorInfo, name: string): void {
  if (info.dtype !== 'float32') {
    throw new ValueError(
      `${KERNEL}: \`${name}\` must be a float32 tensor; received a ${info.dtype} tensor of shape ${formatShape(info.shape)}`,
    );
  }
}

/**
 * Checks a `DendriteMatMul` call (every backend's version runs it first): rank-2 float32
 * operands whose inner sizes match under the transposes, a bias of the output's width, a known
 * activation. Throws naming the argument, what it received and what was expected.
 */
export function checkDenseMatMul(
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap | undefined,
): DenseMatMulCall {
  const { a, b, bias } = inputs;
  const transposeA = attrs?.transposeA === true;
  const transposeB = attrs?.transposeB === true;
  const activation = attrs?.activation ?? 'linear';
  if (activation !== 'linear' && activation !== 'relu') {
    throw new ConfigError(configMessage(KERNEL, 'activation', "'linear' or 'relu'", activation));
  }
  if (a === undefined || b === undefined) {
    throw new ShapeError(
      `${KERNEL}: inputs \`a\` and \`b\` are both required; received ${a === undefined ? 'no `a`' : 'no `b`'}`,
    );
  }
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new ShapeError(
      `${KERNEL}: \`a\` and \`b\` must be rank-2 tensors; received shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
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
      `${KERNEL}: inner sizes must match; received a ${formatShape(a.shape)} (transposeA ${transposeA}) with inner size ${k} and b ${formatShape(b.shape)} (transposeB ${transposeB}) with inner size ${kB}`,
    );
  }
  if (bias !== undefined && (bias.shape.length !== 1 || bias.shape[0] !== n)) {
    throw new ShapeError(
      `${KERNEL}: \`bias\` must have shape [${n}] to match the output [${m}, ${n}]; received ${formatShape(bias.shape)}`,
    );
  }
  checkFloat32(a, 'a');
  checkFloat32(b, 'b');
  if (bias !== undefined) checkFloat32(bias, 'bias');
  return {
    a,
    b,
    bias,
    m,
    k,
    n,
    transposeA,
    transposeB,
    activation: activation as DendriteMatMulActivation,
  };
}
