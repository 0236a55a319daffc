import type * as tf from '@tensorflow/tfjs-core';
import { checkDenseMatMul, type DenseMatMulCall } from './dense-matmul-checks.js';
import { DendriteMatMul } from './dense-matmul-cpu.js';
import { registerIfAbsent } from './kernel-access.js';
import type { WebGPUBackendLike } from './webgpu-program.js';

/** Output rows and columns each invocation computes (a 4 × 4 block held in registers). */
const tile = 4;
/** Invocations per workgroup along each output axis. */
const workgroupSide = 8;

/**
 * The WGSL of one product: each invocation accumulates a 4 × 4 block of the output over the
 * whole inner size in registers and needs no workgroup memory or barriers. tfjs' tiled programs
 * synchronise a workgroup twice per inner tile; on a CPU-emulated adapter (SwiftShader) those
 * barriers cost 5-15× the arithmetic of the Dense products measured here.
 */
function userCode(
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  bias: boolean,
  relu: boolean,
): string {
  const aAt = (row: string) =>
    transposeA ? `f32(A[kk * ${m} + ${row}])` : `f32(A[${row} * ${k} + kk])`;
  const bAt = (col: string) =>
    transposeB ? `f32(B[${col} * ${k} + kk])` : `f32(B[kk * ${n} + ${col}])`;
  const offsets = [0, 1, 2, 3];
  // Out-of-range rows and columns read the last valid one (clamped) and are never written.
  const rows = offsets.map((i) => `let r${i} = min(row0 + ${i}, ${m - 1});`).join('\n      ');
  const cols = offsets.map((j) => `let c${j} = min(col0 + ${j}, ${n - 1});`).join('\n      ');
  const column = `vec4<f32>(${offsets.map((j) => bAt(`c${j}`)).join(', ')})`;
  const accumulate = offsets.map((i) => `acc${i} = acc${i} + ${aAt(`r${i}`)} * bv;`);
  const biasRow = bias
    ? `let b4 = vec4<f32>(${offsets.map((j) => `f32(bias[c${j}])`).join(', ')});`
    : '';
  const finish = (i: number) => {
    let value = bias ? `acc${i} + b4` : `acc${i}`;
    // `select` keeps NaN, as tfjs' relu does, so a diverged model still shows NaN.
    if (relu) value = `select(${value}, vec4<f32>(0.0), ${value} < vec4<f32>(0.0))`;
    return `let out${i} = ${value};`;
  };
  const stores = offsets.map(
    (i) => `if (row0 + ${i} < ${m}) {
          for (var j = 0; j < ${tile}; j++) {
            if (col0 + j < ${n}) { result[(row0 + ${i}) * ${n} + col0 + j] = out${i}[j]; }
          }
        }`,
  );
  return `
    fn main() {
      // The size uniform keeps the uniform binding in the pipeline layout tfjs binds.
      let col0 = i32(globalId.x) * ${tile};
      let row0 = i32(globalId.y) * ${tile};
      if (col0 >= ${n} || row0 >= ${m} || uniforms.size == 0) { return; }
      ${rows}
      ${cols}
      var acc0 = vec4<f32>(0.0);
      var acc1 = vec4<f32>(0.0);
      var acc2 = vec4<f32>(0.0);
      var acc3 = vec4<f32>(0.0);
      for (var kk = 0; kk < ${k}; kk++) {
        let bv = ${column};
        ${accumulate.join('\n        ')}
      }
      ${biasRow}
      ${offsets.map(finish).join('\n      ')}
      ${stores.join('\n      ')}
    }`;
}

/** What one product needs: its operands, sizes, transposes, optional bias and ReLU. */
export type WebGpuProduct = Omit<DenseMatMulCall, 'activation'> & { readonly relu: boolean };

/** Runs `op(a) · op(b) (+ bias, ReLU)` as the register-tiled shader; returns the `[m, n]` output. */
export function runProductWebGpu(backend: WebGPUBackendLike, call: WebGpuProduct): tf.TensorInfo {
  const { a, b, bias, transposeA, transposeB, relu, m, k, n } = call;
  const block = tile * workgroupSide;
  const program = {
    variableNames: bias ? ['A', 'B', 'bias'] : ['A', 'B'],
    outputShape: [m, n],
    shaderKey: `dendriteMatMul_${m}_${k}_${n}_${transposeA}_${transposeB}_${bias !== undefined}_${relu}`,
    dispatchLayout: { x: [1], y: [0] },
    dispatch: [Math.ceil(n / block), Math.ceil(m / block), 1],
    workgroupSize: [workgroupSide, workgroupSide, 1],
    size: true,
    getUserCode: () => userCode(m, k, n, transposeA, transposeB, bias !== undefined, relu),
  };
  return backend.runWebGPUProgram(program, bias ? [a, b, bias] : [a, b], 'float32');
}

function denseMatMulWebGpu(params: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const call = checkDenseMatMul(params.inputs, params.attrs);
  const backend = params.backend as WebGPUBackendLike;
  return runProductWebGpu(backend, { ...call, relu: call.activation === 'relu' });
}

/**
 * Registers {@link DendriteMatMul} for tfjs' `webgpu` backend (idempotent): one compute shader
 * per product shape, with bias and ReLU applied before the single store.
 * @example
 * registerDenseMatMulWebGpu();
 * const y = tf.engine().runKernel(DendriteMatMul, { a: x, b: kernel, bias },
 *   { transposeA: false, transposeB: false, activation: 'relu' }) as tf.Tensor2D;
 */
export function registerDenseMatMulWebGpu(): void {
  registerIfAbsent(DendriteMatMul, 'webgpu', denseMatMulWebGpu);
}
