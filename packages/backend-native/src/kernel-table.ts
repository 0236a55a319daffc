import * as tf from '@dendrite/tensor';
import { adamUpdate } from './adam-kernel.js';
import type { NativeOpCodes } from './addon.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput, fusedConv2d } from './conv-kernels.js';
import { denseChainGrad } from './dense-chain-kernel.js';
import { denseChainSteps } from './dense-chain-steps-kernel.js';
import { denseGrad } from './dense-grad-kernel.js';
import { denseMatMul } from './dense-matmul-kernel.js';
import { dropout, dropoutGrad } from './dropout-kernels.js';
import {
  binaryKernel,
  softmaxAccuracyKernel,
  softmaxKernel,
  sumKernel,
  unaryKernel,
} from './elementwise-kernels.js';
import type { KernelBuild } from './kernel-context.js';
import { batchMatMul, fusedMatMul } from './matmul-kernels.js';
import { maxPoolGrad } from './pool-kernels.js';
import {
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
  softmaxCrossEntropyNames,
} from './softmax-crossentropy-kernels.js';

/** One kernel the native backend registers in place of the cpu backend's. */
export interface NativeKernel {
  /** The tfjs (or Dendrite) kernel name it registers under. */
  readonly kernelName: string;
  /** The bindings it calls (`native/bind-<family>.cc`), or `'javascript'` for none. */
  readonly family: 'matmul' | 'conv' | 'elementwise' | 'optimizer' | 'training' | 'javascript';
  /** The `NativeAddon.opCodes()` table holding its op code under `kernelName`, if any. */
  readonly opCodes?: keyof Pick<NativeOpCodes, 'binary' | 'unary'>;
  /**
   * The cpu backend's kernel that takes whatever the native path does not (dtypes, shapes); none
   * for Dendrite kernels that only this backend has, which check their inputs themselves.
   */
  readonly fallback?: string;
  /** Builds the kernel function. */
  readonly build: KernelBuild;
}

/** A row whose fallback is the cpu kernel of the same name. */
function kernel(
  kernelName: string,
  family: NativeKernel['family'],
  build: KernelBuild,
  opCodes?: NativeKernel['opCodes'],
): NativeKernel {
  return { kernelName, family, fallback: kernelName, build, ...(opCodes ? { opCodes } : {}) };
}

/**
 * Every kernel of the `'dendrite-native'` backend: the registered names, their op codes (read
 * from the addon, which exports the codes of `native/kernels.h` by these names) and their
 * fallbacks. Every other kernel is the cpu backend's. Adding a kernel is one row here (see the
 * README's recipe).
 */
export const nativeKernelTable: readonly NativeKernel[] = Object.freeze([
  kernel(tf.BatchMatMul, 'matmul', batchMatMul),
  kernel(tf._FusedMatMul, 'matmul', fusedMatMul),
  kernel(tf.DendriteMatMul, 'matmul', denseMatMul),
  kernel(tf.Conv2D, 'conv', conv2d),
  kernel(tf.FusedConv2D, 'conv', fusedConv2d),
  kernel(tf.Conv2DBackpropInput, 'conv', conv2dBackpropInput),
  kernel(tf.Conv2DBackpropFilter, 'conv', conv2dBackpropFilter),
  ...[tf.Add, tf.Sub, tf.Multiply, tf.RealDiv].map((name) =>
    kernel(name, 'elementwise', binaryKernel, 'binary'),
  ),
  ...[tf.Sqrt, tf.Square, tf.Relu, tf.Step, tf.Exp, tf.Neg, tf.Log, tf.Sigmoid].map((name) =>
    kernel(name, 'elementwise', unaryKernel, 'unary'),
  ),
  kernel(tf.Softmax, 'elementwise', softmaxKernel),
  kernel(tf.Sum, 'elementwise', sumKernel),
  kernel(tf.DendriteAdamUpdate, 'optimizer', adamUpdate),
  { kernelName: tf.DendriteDenseGrad, family: 'training', build: denseGrad },
  { kernelName: tf.DendriteDropout, family: 'training', build: dropout },
  { kernelName: tf.DendriteDropoutGrad, family: 'training', build: dropoutGrad },
  { kernelName: softmaxCrossEntropyNames.forward, family: 'training', build: softmaxCrossEntropy },
  { kernelName: softmaxCrossEntropyNames.grad, family: 'training', build: softmaxCrossEntropyGrad },
  kernel(tf.MaxPoolGrad, 'javascript', maxPoolGrad),
  kernel(tf.DendriteSoftmaxAccuracy, 'elementwise', softmaxAccuracyKernel),
  { kernelName: tf.DendriteDenseChainGrad, family: 'training', build: denseChainGrad },
  { kernelName: tf.DendriteDenseChainSteps, family: 'training', build: denseChainSteps },
] satisfies NativeKernel[]);
