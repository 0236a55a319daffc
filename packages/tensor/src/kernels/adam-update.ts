import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, configMessage, ShapeError, ValueError } from '../errors.js';
import { wasmBase64 } from './adam-update-wasm.generated.js';
import { heapModule } from './heap-module.js';
import {
  computeOnHost,
  type HeapBackend,
  isHeapBackend,
  registerOnHostBackends,
} from './host-arrays.js';

/**
 * Name of the fused Adam kernel: one pass over a weight, its gradient and both moments instead
 * of about a dozen element-wise kernels, each with its own output allocation and dispatch.
 */
export const DendriteAdamUpdate = 'DendriteAdamUpdate';

/** Inputs of {@link DendriteAdamUpdate}: float32 tensors of one shape. */
export interface AdamUpdateInputs extends tf.NamedTensorInfoMap {
  variable: tf.TensorInfo;
  gradient: tf.TensorInfo;
  m: tf.TensorInfo;
  v: tf.TensorInfo;
}

/** Attributes of {@link DendriteAdamUpdate}. */
export interface AdamUpdateAttrs {
  /** The bias-corrected step size `lr·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ)`. */
  readonly alpha: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/**
 * Checks Adam attributes of `kernel`'s call: an object of finite numbers `alpha` (unless
 * `withAlpha` is false: each step brings its own), `beta1` and `beta2` in [0, 1) and `epsilon`;
 * each named `prefix` + its name in the error.
 */
export function checkAdamAttrs(
  kernel: string,
  attrs: unknown,
  withAlpha = true,
  prefix = '',
): AdamUpdateAttrs {
  if (typeof attrs !== 'object' || attrs === null) {
    throw new ConfigError(
      configMessage(
        kernel,
        prefix.replace(/\.$/, '') || 'attrs',
        'an object of Adam attributes',
        attrs,
      ),
    );
  }
  const values = attrs as Record<string, unknown>;
  const names = ['beta1', 'beta2', 'epsilon'];
  for (const name of withAlpha ? ['alpha', ...names] : names) {
    const value = values[name];
    const beta = name.startsWith('beta');
    const fits =
      typeof value === 'number' && (beta ? value >= 0 && value < 1 : Number.isFinite(value));
    if (!fits) {
      throw new ConfigError(
        configMessage(
          kernel,
          `${prefix}${name}`,
          beta ? 'a number in [0, 1)' : 'a finite number',
          value,
        ),
      );
    }
  }
  return values as unknown as AdamUpdateAttrs;
}

/**
 * The Keras 3 Adam rule, element by element: `m' = m + (g − m)(1 − β₁)`,
 * `v' = v + (g² − v)(1 − β₂)`, `w' = w − α·m'/(√v' + ε)`. Arithmetic in float64, stored as
 * float32 (the composed ops round after each step; the two agree to float32 rounding).
 */
export function adamUpdateValues(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  outW: Float32Array,
  outM: Float32Array,
  outV: Float32Array,
  attrs: AdamUpdateAttrs,
): void {
  const { alpha, epsilon } = attrs;
  const keep1 = 1 - attrs.beta1;
  const keep2 = 1 - attrs.beta2;
  const size = w.length;
  for (let i = 0; i < size; i++) {
    const gi = g[i] as number;
    const mi = m[i] as number;
    const vi = v[i] as number;
    const m1 = Math.fround(mi + (gi - mi) * keep1);
    const v1 = Math.fround(vi + (gi * gi - vi) * keep2);
    outM[i] = m1;
    outV[i] = v1;
    outW[i] = (w[i] as number) - (alpha * m1) / (Math.sqrt(v1) + epsilon);
  }
}

type SimdAdam = (
  w: number,
  g: number,
  m: number,
  v: number,
  outW: number,
  outM: number,
  outV: number,
  n: number,
  alpha: number,
  keep1: number,
  keep2: number,
  epsilon: number,
) => void;

/** Whether the wasm backend `backend` runs the SIMD kernel (for tests and diagnostics). */
export function usesSimdAdam(backend: tf.KernelBackend): boolean {
  return isHeapBackend(backend) && simdAdam(backend) !== null;
}

/** The SIMD kernel of `adam-update.wat` linked to the backend's own memory, or `null`. */
function simdAdam(backend: HeapBackend): SimdAdam | null {
  return (heapModule(backend, wasmBase64)?.adamUpdate as SimdAdam | undefined) ?? null;
}

function checkInputs(inputs: AdamUpdateInputs): number[] {
  const { variable, gradient, m, v } = inputs;
  for (const [name, info] of Object.entries({ variable, gradient, m, v })) {
    if (info.dtype !== 'float32') {
      throw new ValueError(
        `${DendriteAdamUpdate}: \`${name}\` must be float32; received ${info.dtype}`,
      );
    }
    if (!tf.util.arraysEqual(info.shape, variable.shape)) {
      throw new ShapeError(
        `${DendriteAdamUpdate}: \`${name}\` has shape [${info.shape}]; expected the variable's shape [${variable.shape}]`,
      );
    }
  }
  return variable.shape;
}

/**
 * The kernel for the wasm backend (views on its heap, no copies) and for backends that keep
 * float32 values in host arrays (cpu and the ones built on it).
 */
const kernelFunc: tf.KernelFunc = (args) => {
  const inputs = args.inputs as AdamUpdateInputs;
  const attrs = checkAdamAttrs(DendriteAdamUpdate, args.attrs);
  const backend = args.backend as tf.KernelBackend;
  const shape = checkInputs(inputs);
  const size = tf.util.sizeFromShape(shape);
  const simd = isHeapBackend(backend) ? simdAdam(backend) : null;
  if (simd !== null && isHeapBackend(backend)) {
    const outputs = [0, 1, 2].map(() => backend.makeOutput(shape, 'float32'));
    const at = (info: tf.TensorInfo) => backend.getMemoryOffset(info.dataId);
    const [outW, outM, outV] = outputs.map(at) as [number, number, number];
    simd(
      at(inputs.variable),
      at(inputs.gradient),
      at(inputs.m),
      at(inputs.v),
      outW,
      outM,
      outV,
      size,
      attrs.alpha,
      1 - attrs.beta1,
      1 - attrs.beta2,
      attrs.epsilon,
    );
    return outputs;
  }
  const [variable, gradient, m, v] = [inputs.variable, inputs.gradient, inputs.m, inputs.v];
  return computeOnHost(backend, [variable, gradient, m, v], [shape, shape, shape], (ins, outs) => {
    const [w, g, m1, v1] = ins as [Float32Array, Float32Array, Float32Array, Float32Array];
    const [outW, outM, outV] = outs as [Float32Array, Float32Array, Float32Array];
    adamUpdateValues(w, g, m1, v1, outW, outM, outV, attrs);
  });
};

/** Registers {@link DendriteAdamUpdate} for the cpu and wasm backends (idempotent). */
export function registerAdamUpdateKernels(): void {
  registerOnHostBackends(DendriteAdamUpdate, kernelFunc);
}
