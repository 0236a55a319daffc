import * as tf from '@tensorflow/tfjs-core';
import { checkDenseMatMul, type DenseMatMulCall } from './dense-matmul-checks.js';
import { DendriteMatMul } from './dense-matmul-cpu.js';
import { wasmBase64 } from './dense-matmul-wasm.generated.js';
import { heapModule } from './heap-module.js';
import { computeOnHost, type HeapBackend, isHeapBackend } from './host-arrays.js';
import { registerIfAbsent, runDirectly } from './kernel-access.js';

/** Runs tfjs's wasm kernel `kernelName` directly, inside this kernel (no engine dispatch). */
function runWasmKernel(
  kernelName: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: object,
  backend: tf.KernelBackend,
): tf.TensorInfo {
  return runDirectly(kernelName, 'wasm', inputs, attrs, backend) as tf.TensorInfo;
}

/** The same data seen as a batch of one, the rank tfjs's wasm matMul kernels take. */
function asBatch(info: tf.TensorInfo): tf.TensorInfo {
  return { dataId: info.dataId, shape: [1, ...info.shape], dtype: info.dtype };
}

/** ReLU over `values`, in place; `< 0` lets NaN through, as tfjs's relu does. */
function reluInPlace(values: Float32Array): void {
  for (let index = 0; index < values.length; index++) {
    if ((values[index] as number) < 0) values[index] = 0;
  }
}

/** A product with no rows, no columns or an inner size of 0 (XNNPACK refuses those): the bias. */
function emptyProduct(backend: HeapBackend, call: DenseMatMulCall): tf.TensorInfo {
  const inputs = call.bias === undefined ? [] : [call.bias];
  const [out] = computeOnHost(backend, inputs, [[call.m, call.n]], ([bias], [values]) => {
    const target = values as Float32Array;
    if (bias !== undefined) for (let row = 0; row < call.m; row++) target.set(bias, row * call.n);
    if (call.activation === 'relu') reluInPlace(target);
  });
  return out as tf.TensorInfo;
}

type SimdProduct = (
  a: number,
  rowStride: number,
  colStride: number,
  b: number,
  c: number,
  m: number,
  n: number,
  k: number,
  bias: number,
  relu: number,
) => void;

/** The product of `dense-matmul.wat` on the backend's heap, or `null` where it cannot run. */
function simdProduct(backend: HeapBackend): SimdProduct | null {
  return (heapModule(backend, wasmBase64)?.denseMatMul as SimdProduct | undefined) ?? null;
}

/** Whether the wasm backend `backend` runs the SIMD product (for tests and diagnostics). */
export function usesSimdDenseMatMul(backend: tf.KernelBackend): boolean {
  return isHeapBackend(backend) && simdProduct(backend) !== null;
}

/**
 * Right operands XNNPACK already holds packed: tfjs's wasm matMul packs `b` into an operator it
 * caches by `b`'s data, which pays off only when the same `b` comes again. A `b` seen once (a
 * weight an optimizer has just replaced, a gradient) goes to the unpacked SIMD product instead.
 */
const seenRightOperands = new WeakSet<tf.DataId>();

/**
 * The most output rows for which the SIMD product beats packing `b` for XNNPACK. Measured on the
 * book model's 784 × 100 weight (Node 20, 2-core EPYC): packing it costs ~0.8 ms, about 10 ns per
 * weight, while XNNPACK's packed product takes ~0.13 ns per multiply-add and the SIMD one ~0.22,
 * so the SIMD product wins below ~10 / (0.22 − 0.13) ≈ 105 rows (batch 32: 0.62 against 1.17 ms;
 * batch 512: 8.9 against 5.9 ms).
 */
const SIMD_MAX_ROWS = 96;

/** `op(a) · b` (+ bias, relu) by `dense-matmul.wat`, `a` read through strides: no copies. */
function simdDense(host: HeapBackend, simd: SimdProduct, call: DenseMatMulCall): tf.TensorInfo {
  const out = host.makeOutput([call.m, call.n], 'float32');
  const at = (info: tf.TensorInfo) => host.getMemoryOffset(info.dataId);
  const [rowStride, colStride] = call.transposeA ? [1, call.m] : [call.k, 1];
  const bias = call.bias === undefined ? 0 : at(call.bias);
  const relu = call.activation === 'relu' ? 1 : 0;
  simd(at(call.a), rowStride, colStride, at(call.b), at(out), call.m, call.n, call.k, bias, relu);
  return out;
}

/**
 * {@link DendriteMatMul} on tfjs's wasm backend as one engine kernel. Up to
 * {@link SIMD_MAX_ROWS} output rows, a right operand met for the first time (see
 * {@link seenRightOperands}) or flagged `transposeB` goes to Dendrite's SIMD product, which reads
 * `a` transposed in place; anything else goes to tfjs's own XNNPACK `_FusedMatMul` (product
 * and bias, its packed operator cached), called directly, on 2-D tensors seen as batches of one
 * (no `Reshape` kernels), with an operand that `transposeA`/`transposeB` flags transposed first
 * into a scratch tensor freed before returning — tfjs's flagged product is a plain loop many
 * times slower than XNNPACK's, a transpose costs far less.
 */
const denseMatMulWasm: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const host = backend as HeapBackend;
  const call = checkDenseMatMul(inputs, attrs);
  if (call.m * call.k * call.n === 0) return emptyProduct(host, call);
  const scratch: tf.TensorInfo[] = [];
  const plain = (info: tf.TensorInfo, transposed: boolean): tf.TensorInfo => {
    if (!transposed) return info;
    const out = runWasmKernel(tf.Transpose, { x: info }, { perm: [1, 0] }, host);
    scratch.push(out);
    return out;
  };
  try {
    const simd = simdProduct(host);
    // A transposed `b` reaches XNNPACK as a fresh scratch tensor, packed anew at every call.
    const packedBefore = seenRightOperands.has(call.b.dataId) && !call.transposeB;
    if (simd !== null && !packedBefore && call.m <= SIMD_MAX_ROWS) {
      seenRightOperands.add(call.b.dataId);
      return simdDense(host, simd, {
        ...call,
        b: plain(call.b, call.transposeB),
        transposeB: false,
      });
    }
    const operands: tf.NamedTensorInfoMap = {
      a: asBatch(plain(call.a, call.transposeA)),
      b: asBatch(plain(call.b, call.transposeB)),
    };
    if (call.bias !== undefined) operands.bias = call.bias;
    // XNNPACK's ReLU clamp turns NaN into 0; the ReLU below keeps it, as the contract says.
    const fusedAttrs = { transposeA: false, transposeB: false, activation: 'linear' };
    const product = runWasmKernel(tf._FusedMatMul, operands, fusedAttrs, host);
    const out: tf.TensorInfo = {
      dataId: product.dataId,
      shape: [call.m, call.n],
      dtype: 'float32',
    };
    if (call.activation === 'relu') reluInPlace(host.typedArrayFromHeap(out) as Float32Array);
    return out;
  } finally {
    for (const info of scratch) host.disposeData(info.dataId);
  }
};

/** Registers {@link DendriteMatMul} for tfjs's wasm backend (idempotent). */
export function registerDenseMatMulWasm(): void {
  registerIfAbsent(DendriteMatMul, 'wasm', denseMatMulWasm);
}
