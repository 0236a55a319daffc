import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValueError } from '../errors.js';
import { type AdamUpdateInputs, checkAdamAttrs } from './adam-update.js';
import { registerIfAbsent } from './kernel-access.js';
import type { WebGLBackendLike } from './webgl-program.js';
import { flatProgram, type WebGPUBackendLike } from './webgpu-program.js';

const kernelName = 'DendriteAdamUpdate';

// The Keras 3 rule of `adam-update.ts`, in the order of the composed float32 ops it replaces:
// m' = m + (g − m)(1 − β₁), v' = v + (g² − v)(1 − β₂), w' = w − (m'·α)/(√v' + ε).

/** The four inputs, checked, as flat `[size]` views of the same data (no copies). */
function flatInputs(inputs: AdamUpdateInputs): { flat: tf.TensorInfo[]; shape: number[] } {
  const { variable, gradient, m, v } = inputs;
  const named = { variable, gradient, m, v };
  for (const [name, info] of Object.entries(named)) {
    if (info.dtype !== 'float32') {
      throw new ValueError(`${kernelName}: \`${name}\` must be float32; received ${info.dtype}`);
    }
    if (!tf.util.arraysEqual(info.shape, variable.shape)) {
      throw new ShapeError(
        `${kernelName}: \`${name}\` has shape [${info.shape}]; expected the variable's shape [${variable.shape}]`,
      );
    }
  }
  const size = tf.util.sizeFromShape(variable.shape);
  const flat = Object.values(named).map((info) => ({ ...info, shape: [size] }));
  return { flat, shape: variable.shape };
}

/**
 * Three WebGL programs, on packed textures when tfjs packs element-wise ops (an unpacked output
 * would make every later packed matMul repack the weights, which cost more than the composed ops
 * saved): `m'` from `g, m`, `v'` from `g, v`, then `w'` from `w, m', v'`. Each reads only what
 * its result needs (7 reads per entry, against 10 when one program recomputed `m'` and `v'` for
 * each result); `m'` and `v'` are float32 either way, so `w'` is the same.
 */
const webglKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const gl = backend as WebGLBackendLike;
  const { alpha, beta1, beta2, epsilon } = checkAdamAttrs(kernelName, attrs);
  const { shape } = flatInputs(inputs as AdamUpdateInputs);
  const { variable, gradient, m, v } = inputs as AdamUpdateInputs;
  const packed = tf.env().getBool('WEBGL_PACK_BINARY_OPERATIONS');
  const type = packed ? 'vec4' : 'float';
  /** `result` of the inputs `names` (`info`), with the float uniforms `values`. */
  const run = (
    names: string[],
    result: string,
    values: Record<string, number>,
    info: tf.TensorInfo[],
  ) => {
    const reads = names.map((name) => {
      const getter = `get${name.charAt(0).toUpperCase()}${name.slice(1)}AtOutCoords`;
      return `${type} ${name} = ${getter}();`;
    });
    const program = {
      variableNames: names,
      outputShape: shape,
      packedInputs: packed,
      packedOutput: packed,
      customUniforms: Object.keys(values).map((name) => ({ name, type: 'float' })),
      userCode: `
      void main() {
        ${reads.join('\n        ')}
        setOutput(${result});
      }`,
    };
    return gl.runWebGLProgram(
      program,
      info,
      'float32',
      Object.values(values).map((x) => [x]),
    );
  };
  const m1 = run(['g', 'm'], 'm + (g - m) * keep1', { keep1: 1 - beta1 }, [gradient, m]);
  const v1 = run(['g', 'v'], 'v + (g * g - v) * keep2', { keep2: 1 - beta2 }, [gradient, v]);
  const w1 = run(['w', 'm1', 'v1'], 'w - (m1 * alpha) / (sqrt(v1) + epsilon)', { alpha, epsilon }, [
    variable,
    m1,
    v1,
  ]);
  return [w1, m1, v1];
};

/**
 * One WebGPU shader run three times (the `which` uniform picks the result it stores): WebGPU
 * programs in tfjs have a single output buffer, and three small dispatches cost less than one
 * `[3, size]` output and three slice copies.
 */
const webgpuKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const gpu = backend as unknown as WebGPUBackendLike;
  const { alpha, beta1, beta2, epsilon } = checkAdamAttrs(kernelName, attrs);
  const { flat, shape } = flatInputs(inputs as AdamUpdateInputs);
  const size = tf.util.sizeFromShape(shape);
  const program = flatProgram(
    'dendriteAdamUpdate',
    ['w', 'g', 'm', 'v'],
    size,
    'alpha : f32, keep1 : f32, keep2 : f32, epsilon : f32, which : i32,',
    `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let g = getGByOutputIndex(index);
          let m = getMByOutputIndex(index);
          let v = getVByOutputIndex(index);
          let m1 = m + (g - m) * uniforms.keep1;
          let v1 = v + (g * g - v) * uniforms.keep2;
          var result = m1;
          if (uniforms.which == 0) {
            result = getWByOutputIndex(index) - (m1 * uniforms.alpha) / (sqrt(v1) + uniforms.epsilon);
          } else if (uniforms.which == 2) {
            result = v1;
          }
          setOutputAtIndex(index, result);
        }
      }`,
  );
  return [0, 1, 2].map((which) => {
    const out = gpu.runWebGPUProgram(program, flat, 'float32', [
      { type: 'float32', data: [alpha] },
      { type: 'float32', data: [1 - beta1] },
      { type: 'float32', data: [1 - beta2] },
      { type: 'float32', data: [epsilon] },
      { type: 'int32', data: [which] },
    ]);
    return { ...out, shape };
  });
};

/** Registers {@link DendriteAdamUpdate} for the webgl and webgpu backends (idempotent). */
export function registerAdamUpdateGpuKernels(): void {
  const kernels: Array<[string, tf.KernelFunc]> = [
    ['webgl', webglKernel],
    ['webgpu', webgpuKernel],
  ];
  for (const [backendName, kernelFunc] of kernels) {
    registerIfAbsent(kernelName, backendName, kernelFunc);
  }
}
