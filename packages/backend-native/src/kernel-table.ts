import * as tf from '@dendrite/tensor';
import { adamUpdate } from './adam-kernel.js';
import type { NativeOpCodes } from './addon.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput, fusedConv2d } from './conv-kernels.js';
import { denseMatMul } from './dense-matmul-kernel.js';
import { binaryKernel, softmaxKernel, sumKernel, unaryKernel } from './elementwise-kernels.js';
import type { KernelBuild } from './kernel-context.js';
import { batchMatMul, fusedMatMul } from './matmul-kernels.js';
import { maxPoolGrad } from './pool-kernels.js';

/** One kernel the native backend registers in place of the cpu backend's. */
export interface NativeKernel {
  /** The tfjs (or Dendrite) kernel name it registers under. */
  readonly kernelName: string;
  /** The bindings it calls (`native/bind-<family>.cc`), or `'javascript'` for none. */
  readonly family: 'matmul' | 'conv' | 'elementwise' | 'optimizer' | 'javascript';
  /** The `NativeAddon.opCodes()` table holding its op code under `kernelName`, if any. */
  readonly opCodes?: keyof Pick<NativeOpCodes, 'binary' | 'unary'>;
  /** The cpu backend's kernel that takes whatever the native path does not (dtypes, shapes). */
  readonly fallback: string;
  /** Builds the kernel function. */
  readonly build: KernelBuild;
}

/**
 * Every kernel of the `'dendrite-native'` backend: the registered names, their op codes (read
 * from the addon, which exports the codes of `native/kernels.h` by these names) and their
 * fallbacks. Every other kernel is the cpu backend's. Adding a kernel is one row here (see the
 * README's recipe).
 */
export const nativeKernelTable: readonly NativeKernel[] = Object.freeze([
  { kernelName: tf.BatchMatMul, family: 'matmul', fallback: tf.BatchMatMul, build: batchMatMul },
  { kernelName: tf._FusedMatMul, family: 'matmul', fallback: tf._FusedMatMul, build: fusedMatMul },
  {
    kernelName: tf.DendriteMatMul,
    family: 'matmul',
    fallback: tf.DendriteMatMul,
    build: denseMatMul,
  },
  { kernelName: tf.Conv2D, family: 'conv', fallback: tf.Conv2D, build: conv2d },
  { kernelName: tf.FusedConv2D, family: 'conv', fallback: tf.FusedConv2D, build: fusedConv2d },
  {
    kernelName: tf.Conv2DBackpropInput,
    family: 'conv',
    fallback: tf.Conv2DBackpropInput,
    build: conv2dBackpropInput,
  },
  {
    kernelName: tf.Conv2DBackpropFilter,
    family: 'conv',
    fallback: tf.Conv2DBackpropFilter,
    build: conv2dBackpropFilter,
  },
  {
    kernelName: tf.Add,
    family: 'elementwise',
    opCodes: 'binary',
    fallback: tf.Add,
    build: binaryKernel,
  },
  {
    kernelName: tf.Sub,
    family: 'elementwise',
    opCodes: 'binary',
    fallback: tf.Sub,
    build: binaryKernel,
  },
  {
    kernelName: tf.Multiply,
    family: 'elementwise',
    opCodes: 'binary',
    fallback: tf.Multiply,
    build: binaryKernel,
  },
  {
    kernelName: tf.RealDiv,
    family: 'elementwise',
    opCodes: 'binary',
    fallback: tf.RealDiv,
    build: binaryKernel,
  },
  {
    kernelName: tf.Sqrt,
    family: 'elementwise',
    opCodes: 'unary',
    fallback: tf.Sqrt,
    build: unaryKernel,
  },
  {
    kernelName: tf.Square,
    family: 'elementwise',
    opCodes: 'unary',
    fallback: tf.Square,
    build: unaryKernel,
  },
  {
    kernelName: tf.Relu,
    family: 'elementwise',
    opCodes: 'unary',
    fallback: tf.Relu,
    build: unaryKernel,
  },
  {
    kernelName: tf.Step,
    family: 'elementwise',
    opCodes: 'unary',
    fallback: tf.Step,
    build: unaryKernel,
  },
  {
    kernelName: tf.Exp,
    family: 'elementwise',
    opCodes: 'unary',
    fallback: tf.Exp,
    build: unaryKernel,
  },
  {
    kernelName: tf.Neg,
    family: 'elementwise',
    opCodes: 'unary',
    fallback: tf.Neg,
    build: unaryKernel,
  },
  {
    kernelName: tf.Log,
    family: 'elementwise',
    opCodes: 'unary',
    fallback: tf.Log,
    build: unaryKernel,
  },
  {
    kernelName: tf.Sigmoid,
    family: 'elementwise',
    opCodes: 'unary',
    fallback: tf.Sigmoid,
    build: unaryKernel,
  },
  { kernelName: tf.Softmax, family: 'elementwise', fallback: tf.Softmax, build: softmaxKernel },
  { kernelName: tf.Sum, family: 'elementwise', fallback: tf.Sum, build: sumKernel },
  {
    kernelName: tf.DendriteAdamUpdate,
    family: 'optimizer',
    fallback: tf.DendriteAdamUpdate,
    build: adamUpdate,
  },
  {
    kernelName: tf.MaxPoolGrad,
    family: 'javascript',
    fallback: tf.MaxPoolGrad,
    build: maxPoolGrad,
  },
] satisfies NativeKernel[]);
