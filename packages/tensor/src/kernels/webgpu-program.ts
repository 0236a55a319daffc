import type * as tf from '@tensorflow/tfjs-core';

/** A uniform a WebGPU program declares, in its declaration order. */
export interface WebGpuUniform {
  readonly type: 'float32' | 'int32';
  readonly data: number[];
}

/** The slice of tfjs' WebGPU backend that Dendrite's WebGPU kernels use. */
export interface WebGPUBackendLike {
  runWebGPUProgram(
    program: object,
    inputs: tf.TensorInfo[],
    outputDtype: tf.DataType,
    uniforms?: WebGpuUniform[],
  ): tf.TensorInfo;
}

const workgroupSize = 64;

/**
 * A tfjs WebGPU program with one invocation per element of a flat `[size]` output: `userCode`
 * defines `fn main(index : i32)`, reads its inputs by name and checks `index < uniforms.size`;
 * `uniforms` declares the extra ones (`'name : f32, …'`) passed to `runWebGPUProgram`.
 */
export function flatProgram(
  shaderKey: string,
  variableNames: string[],
  size: number,
  uniforms: string,
  userCode: string,
): object {
  return {
    variableNames,
    outputShape: [size],
    shaderKey,
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(size / workgroupSize), 1, 1],
    workgroupSize: [workgroupSize, 1, 1],
    size: true,
    uniforms,
    getUserCode: () => userCode,
  };
}
