import * as tf from '@tensorflow/tfjs-core';
import { registerIfAbsent } from './kernel-access.js';

/** The wasm backend's surface Dendrite's kernels use: tensors live on its heap, readable as views. */
export interface HeapBackend extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
  getMemoryOffset(dataId: tf.DataId): number;
  wasm?: { asm?: { memory?: unknown } };
}

/** Whether `backend` keeps its tensors on a wasm heap that {@link HeapBackend} can read. */
export function isHeapBackend(backend: tf.KernelBackend): backend is HeapBackend {
  const candidate = backend as Partial<HeapBackend>;
  return (
    typeof candidate.typedArrayFromHeap === 'function' && typeof candidate.makeOutput === 'function'
  );
}

/**
 * Runs `compute` on float32 arrays of `inputs` and of fresh outputs shaped `outputShapes`, and
 * returns the outputs. On the wasm backend the arrays are views on its heap (no copies); on cpu
 * (and backends built on it) the inputs are its own host arrays and the outputs are written after.
 */
export function computeOnHost(
  backend: tf.KernelBackend,
  inputs: readonly tf.TensorInfo[],
  outputShapes: readonly number[][],
  compute: (inputs: Float32Array[], outputs: Float32Array[]) => void,
): tf.TensorInfo[] {
  if (isHeapBackend(backend)) {
    const outputs = outputShapes.map((shape) => backend.makeOutput(shape, 'float32'));
    // Views are taken after every allocation: growing the heap detaches the older ones.
    const view = (info: tf.TensorInfo) => backend.typedArrayFromHeap(info) as Float32Array;
    compute(inputs.map(view), outputs.map(view));
    return outputs;
  }
  const values = outputShapes.map((shape) => new Float32Array(tf.util.sizeFromShape(shape)));
  compute(
    inputs.map((info) => backend.readSync(info.dataId) as Float32Array),
    values,
  );
  return values.map((array, i) => {
    const shape = outputShapes[i] as number[];
    return { dataId: backend.write(array, shape, 'float32'), shape, dtype: 'float32' as const };
  });
}

/** Registers `kernelFunc` as `kernelName` for the cpu and wasm backends, where not yet registered. */
export function registerOnHostBackends(kernelName: string, kernelFunc: tf.KernelFunc): void {
  for (const backendName of ['cpu', 'wasm']) registerIfAbsent(kernelName, backendName, kernelFunc);
}
