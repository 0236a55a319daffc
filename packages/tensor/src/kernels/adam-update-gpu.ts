import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValueError } from '../errors.js';
import type { AdamUpdateAttrs, AdamUpdateInputs } from './adam-update.js';
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
 * One WebGL program run three times (the `which` uniform picks the result it stores), on packed
 * textures when tfjs packs element-wise ops: an unpacked output would make every later packed
 * matMul repack the weights, which cost more than the composed ops saved.
 */
const webglKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const gl = backend as WebGLBackendLike;
  const { alpha, beta1, beta2, epsilon } = attrs as unknown as AdamUpdateAttrs;
  const { shape } = flatInputs(inputs as AdamUpdateInputs);
  const { variable, gradient, m, v } = inputs as AdamUpdateInputs;
  const packed = tf.env().getBool('WEBGL_PACK_BINARY_OPERATIONS');
  const type = packed ? 'vec4' : 'float';
  const program = {
    variableNames: ['w', 'g', 'm', 'v'],
    outputShape: shape,
    packedInputs: packed,
    packedOutput: packed,
    customUniforms: ['alpha', 'keep1', 'keep2', 'epsilon', 'which'].map((name) => ({
      name,
      type: 'float',
    })),
    userCode: `
      void main() {
        ${type} g = getGAtOutCoords();
        ${type} m = getMAtOutCoords();
        ${type} v = getVAtOutCoords();
        ${type} m1 = m + (g - m) * keep1;
        ${type} v1 = v + (g * g - v) * keep2;
        ${type} result = m1;
        if (which < 0.5) {
          result = getWAtOutCoords() - (m1 * alpha) / (sqrt(v1) + epsilon);
        } else if (which > 1.5) {
          result = v1;
        }
        setOutput(result);
      }`,
  };
  return [0, 1, 2].map((which) =>
    gl.runWebGLProgram(program, [variable, gradient, m, v], 'float32', [
      [alpha],
      [1 - beta1],
      [1 - beta2],
      [epsilon],
      [which],
    ]),
  );
};

/**
 * One WebGPU shader run three times (the `which` uniform picks the result it stores): WebGPU
 * programs in tfjs have a single output buffer, and three small dispatches cost less than one
 * `[3, size]` output and three slice copies.
 */
const webgpuKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const gpu = backend as unknown as WebGPUBackendLike;
  const { alpha, beta1, beta2, epsilon } = attrs as unknown as AdamUpdateAttrs;
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
    if (tf.getKernel(kernelName, backendName) === undefined) {
      tf.registerKernel({ kernelName, backendName, kernelFunc });
    }
  }
}
