import * as tf from '@tensorflow/tfjs-core';
import { registerAdamUpdateKernels } from './adam-update.js';
import { registerAdamUpdateGpuKernels } from './adam-update-gpu.js';
import { registerDenseChainGradKernels } from './dense-chain-grad.js';
import { registerDenseGradWebGl } from './dense-grad-webgl.js';
import { registerDenseMatMulCpu } from './dense-matmul-cpu.js';
import { registerDenseMatMulWasm } from './dense-matmul-wasm.js';
import { registerDenseMatMulWebGl } from './dense-matmul-webgl.js';
import { registerDenseMatMulWebGpu } from './dense-matmul-webgpu.js';
import { registerDropoutWebGl } from './dropout-webgl.js';
import { shareWasmIdentity } from './identity-wasm.js';
import { registerSoftmaxAccuracyKernels } from './softmax-accuracy.js';
import { registerSoftmaxAccuracyWebGl } from './softmax-accuracy-webgl.js';
import { registerSoftmaxCrossEntropyKernels } from './softmax-crossentropy.js';
import { registerSoftmaxCrossEntropyWebGl } from './softmax-crossentropy-webgl.js';
import { registerSoftmaxCrossEntropyWebGpu } from './softmax-crossentropy-webgpu.js';

export {
  type AdamUpdateAttrs,
  type AdamUpdateInputs,
  adamUpdateValues,
  checkAdamAttrs,
  DendriteAdamUpdate,
} from './adam-update.js';
export {
  DendriteMatMul,
  type DendriteMatMulActivation,
  type DendriteMatMulAttrs,
  type DendriteMatMulInputs,
} from './dense-matmul-cpu.js';
export {
  checkSoftmaxAccuracy,
  DendriteSoftmaxAccuracy,
  type SoftmaxAccuracyInputs,
  softmaxAccuracyHits,
} from './softmax-accuracy.js';
export {
  DendriteSoftmaxCrossEntropy,
  DendriteSoftmaxCrossEntropyGrad,
  type SoftmaxCrossEntropyAttrs,
  type SoftmaxCrossEntropyGradInputs,
  type SoftmaxCrossEntropyInputs,
} from './softmax-crossentropy.js';

let registered = false;
/** Whether the wasm backend's `Identity` shares memory yet (it can only once wasm is loaded). */
let identityShared = false;

/**
 * Registers Dendrite's own fused kernels for the backends that have an implementation here
 * (Adam on cpu, wasm, webgl and webgpu; matrix products on cpu, wasm, webgl and
 * webgpu; the Dense backward and dropout on webgl; the softmax cross-entropy on cpu, wasm, webgl
 * and webgpu; the softmax accuracy's hits on cpu, wasm and webgl; the Dense chain's whole-step gradient on cpu and wasm); other packages register
 * theirs (the native backend its C++ ones). Idempotent, and run for you by {@link hasDendriteKernel}: importing the package registers none of them.
 */
export function registerDendriteKernels(): void {
  if (registered) return;
  registered = true;
  registerAdamUpdateKernels();
  registerAdamUpdateGpuKernels();
  registerDenseChainGradKernels();
  registerDenseMatMulCpu();
  registerDenseMatMulWasm();
  registerDenseMatMulWebGl();
  registerDenseMatMulWebGpu();
  registerDenseGradWebGl();
  registerDropoutWebGl();
  registerSoftmaxAccuracyKernels();
  registerSoftmaxAccuracyWebGl();
  registerSoftmaxCrossEntropyKernels();
  registerSoftmaxCrossEntropyWebGl();
  registerSoftmaxCrossEntropyWebGpu();
}

/**
 * Whether the active backend has the kernel `kernelName` (registering Dendrite's own kernels
 * first, and on wasm an `Identity` that shares memory instead of copying). Callers use it to
 * choose a fused kernel over the composed ops it replaces.
 */
export function hasDendriteKernel(kernelName: string): boolean {
  registerDendriteKernels();
  if (!identityShared && tf.getBackend() === 'wasm') identityShared = shareWasmIdentity();
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}
