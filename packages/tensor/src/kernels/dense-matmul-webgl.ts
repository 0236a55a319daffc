import * as tf from '@tensorflow/tfjs-core';
import { checkDenseMatMul } from './dense-matmul-checks.js';
import { DendriteMatMul } from './dense-matmul-cpu.js';
import { registerIfAbsent, runDirectly } from './kernel-access.js';

/** Runs tfjs' own `kernelName` for webgl on `backend` (a kernel the webgl backend registers). */
function webglKernel(
  kernelName: string,
  inputs: tf.NamedTensorInfoMap,
  backend: unknown,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo {
  return runDirectly(kernelName, 'webgl', inputs, attrs, backend) as tf.TensorInfo;
}

/**
 * Entries of `a` from which `transposeA` runs as an explicit transpose first. Reading a transposed
 * `a` across texture rows in the packed product measured 20-30 % slower than a transpose plus the
 * plain product for the Dense kernel gradient at batch 512 (`xᵀ · dz`, x [512, 784], on
 * SwiftShader); for the small ones of the same step ([512, 100], [32, 784], [32, 100]) the extra
 * transpose program measured slower than the flag.
 */
const EXPLICIT_TRANSPOSE_ENTRIES = 131072;

/**
 * tfjs' packed `_FusedMatMul` (bias and ReLU in the product's shader), with `transposeA` of a large
 * `a` done as an explicit transpose first (see {@link EXPLICIT_TRANSPOSE_ENTRIES}).
 */
export function denseMatMulWebGl(params: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { a, b, bias, transposeA, transposeB, activation } = checkDenseMatMul(
    params.inputs,
    params.attrs,
  );
  const backend = params.backend;
  const explicit = transposeA && tf.util.sizeFromShape(a.shape) >= EXPLICIT_TRANSPOSE_ENTRIES;
  const left = explicit ? webglKernel('Transpose', { x: a }, backend, { perm: [1, 0] }) : a;
  const inputs: tf.NamedTensorInfoMap = bias ? { a: left, b, bias } : { a: left, b };
  const attrs = { transposeA: transposeA && !explicit, transposeB, activation };
  const out = webglKernel('_FusedMatMul', inputs, backend, attrs);
  if (left !== a) (backend as tf.KernelBackend).disposeData(left.dataId);
  return out;
}

/**
 * Registers {@link DendriteMatMul} for tfjs' `webgl` backend (idempotent).
 * @example
 * registerDenseMatMulWebGl();
 * const y = tf.engine().runKernel(DendriteMatMul, { a: x, b: kernel, bias },
 *   { transposeA: false, transposeB: false, activation: 'relu' }) as tf.Tensor2D;
 */
export function registerDenseMatMulWebGl(): void {
  registerIfAbsent(DendriteMatMul, 'webgl', denseMatMulWebGl);
}
