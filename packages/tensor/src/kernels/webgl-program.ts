import type * as tf from '@tensorflow/tfjs-core';
import { registerIfAbsent } from './kernel-access.js';

/** The slice of tfjs' WebGL backend that Dendrite's WebGL kernels use. */
export interface WebGLBackendLike extends tf.KernelBackend {
  runWebGLProgram(
    program: object,
    inputs: tf.TensorInfo[],
    outputDtype: tf.DataType,
    customUniformValues?: number[][],
  ): tf.TensorInfo;
  /** Copies a tensor on an unpacked texture to a packed one. */
  packTensor(info: tf.TensorInfo): tf.TensorInfo;
  /** The backend's record of each tensor's texture. */
  texData: { get(dataId: tf.DataId): { isPacked?: boolean; texture?: unknown } };
  makeTensorInfo(
    shape: number[],
    dtype: tf.DataType,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
}

/** Registers `kernelFunc` as `kernelName` for tfjs' `webgl` backend unless one is registered. */
export function registerWebGlKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  registerIfAbsent(kernelName, 'webgl', kernelFunc);
}

/**
 * `info` on a packed texture, for a packed program that reads it more than once: a packed copy
 * (the caller disposes it) when it sits on an unpacked texture, else `info` itself (tfjs uploads a
 * host tensor packed for a packed program). Each run would otherwise pack it again.
 */
export function packedOnce(gl: WebGLBackendLike, info: tf.TensorInfo): tf.TensorInfo {
  const data = gl.texData.get(info.dataId);
  return data.texture != null && data.isPacked !== true ? gl.packTensor(info) : info;
}
