import * as tf from '@tensorflow/tfjs-core';
import { RandomGenerator } from '../random.js';
import type { DenseChainLayer } from './dense-chain-checks.js';
import { DendriteDenseGrad } from './dense-grad.js';
import { DendriteMatMul } from './dense-matmul-cpu.js';
import { DendriteDropout, DendriteDropoutGrad } from './dropout.js';
import { runDirectly } from './kernel-access.js';
import {
  DendriteSoftmaxCrossEntropy,
  DendriteSoftmaxCrossEntropyGrad,
} from './softmax-crossentropy.js';

/** One layer's backward pass for {@link DirectKernels.denseGrad}. */
export interface DenseGradCall {
  readonly dy: tf.TensorInfo;
  readonly x: tf.TensorInfo;
  readonly kernel: tf.TensorInfo;
  /** The layer's output (its ReLU mask). */
  readonly out: tf.TensorInfo;
  readonly spec: DenseChainLayer;
  readonly inputGradient: boolean;
}

/**
 * A backend's kernels called directly, inside another kernel: no engine dispatch, no tape, no
 * tracking. Every tensor made here is scratch until {@link dispose} frees all but the outputs.
 * Each method runs the kernel the engine's per-layer path runs for the same work: the backend's
 * fused Dendrite kernel where it has one, else the tfjs kernels of the composed ops.
 */
export class DirectKernels {
  private readonly scratch: tf.TensorInfo[] = [];

  constructor(
    private readonly backend: tf.KernelBackend,
    private readonly backendName: string,
  ) {}

  /** Whether the backend has `kernelName`. */
  has(kernelName: string): boolean {
    return tf.getKernel(kernelName, this.backendName) !== undefined;
  }

  /** Runs the backend's `kernelName`; its outputs join the scratch. */
  run(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: object = {}): tf.TensorInfo[] {
    const result = runDirectly(kernelName, this.backendName, inputs, attrs, this.backend);
    const outputs = Array.isArray(result) ? result : [result];
    this.scratch.push(...outputs);
    return outputs;
  }

  /** A float32 tensor of `values` on the backend (scratch). */
  constant(values: Float32Array, shape: number[]): tf.TensorInfo {
    const info = {
      dataId: this.backend.write(values, shape, 'float32'),
      shape,
      dtype: 'float32' as const,
    };
    this.scratch.push(info);
    return info;
  }

  /** `DendriteMatMul`. */
  product(
    inputs: tf.NamedTensorInfoMap,
    attrs: { transposeA?: boolean; transposeB?: boolean; activation?: string },
  ): tf.TensorInfo {
    const full = { transposeA: false, transposeB: false, activation: 'linear', ...attrs };
    return this.run(DendriteMatMul, inputs, full)[0] as tf.TensorInfo;
  }

  /**
   * Inverted dropout of `x` with the mask drawn from `seed`, and its backward: `DendriteDropout`
   * where the backend has it, else the mask made on the host and multiplied in, as the Dropout
   * layer does.
   */
  dropout(
    x: tf.TensorInfo,
    rate: number,
    seed: number,
  ): { y: tf.TensorInfo; backward: (dy: tf.TensorInfo) => tf.TensorInfo } {
    if (this.has(DendriteDropout)) {
      const [y, mask] = this.run(DendriteDropout, { x }, { rate, seed });
      const backward = (dy: tf.TensorInfo) =>
        this.run(DendriteDropoutGrad, { dy, mask: mask as tf.TensorInfo }, { rate })[0];
      return { y: y as tf.TensorInfo, backward: backward as (dy: tf.TensorInfo) => tf.TensorInfo };
    }
    const size = tf.util.sizeFromShape(x.shape);
    const scales = new RandomGenerator(seed).fillMask(new Float32Array(size), rate, 1 / (1 - rate));
    const mask = this.constant(scales, x.shape);
    const multiply = (a: tf.TensorInfo) =>
      this.run(tf.Multiply, { a, b: mask })[0] as tf.TensorInfo;
    return { y: multiply(x), backward: multiply };
  }

  /** `[loss, dLogits]`: the mean softmax cross-entropy of the rows and its gradient. */
  crossEntropy(logits: tf.TensorInfo, labels: tf.TensorInfo, epsilon: number): tf.TensorInfo[] {
    const attrs = { epsilon, reduction: 'mean' };
    const [loss] = this.run(DendriteSoftmaxCrossEntropy, { logits, labels }, attrs);
    const dy = this.constant(Float32Array.of(1), []);
    const [dLogits] = this.run(DendriteSoftmaxCrossEntropyGrad, { dy, logits, labels }, attrs);
    return [loss as tf.TensorInfo, dLogits as tf.TensorInfo];
  }

  /**
   * `[dx | undefined, dKernel, dBias?]` of one Dense layer: `DendriteDenseGrad` where the backend
   * has it, else the ReLU mask (`Step`, `Multiply`), the two products and the bias' `Sum`.
   */
  denseGrad(call: DenseGradCall): (tf.TensorInfo | undefined)[] {
    const { dy, x, kernel, out, spec, inputGradient } = call;
    const relu = spec.activation === 'relu';
    if (this.has(DendriteDenseGrad)) {
      const inputs: tf.NamedTensorInfoMap = relu ? { dy, x, kernel, out } : { dy, x, kernel };
      const attrs = { activation: spec.activation, inputGradient, hasBias: spec.hasBias };
      const grads = this.run(DendriteDenseGrad, inputs, attrs);
      return inputGradient ? grads : [undefined, ...grads];
    }
    const dz = relu
      ? (this.run(tf.Multiply, {
          a: dy,
          b: this.run(tf.Step, { x: out }, { alpha: 0 })[0] as tf.TensorInfo,
        })[0] as tf.TensorInfo)
      : dy;
    const dKernel = this.product({ a: x, b: dz }, { transposeA: true });
    const dx = inputGradient ? this.product({ a: dz, b: kernel }, { transposeB: true }) : undefined;
    const dBias = spec.hasBias ? this.run(tf.Sum, { x: dz }, { axis: [0], keepDims: false }) : [];
    return [dx, dKernel, ...dBias];
  }

  /** Frees the scratch but `outputs`. */
  dispose(outputs: readonly tf.TensorInfo[] = []): void {
    const kept = new Set(outputs.map((info) => info.dataId));
    for (const info of this.scratch) {
      if (!kept.has(info.dataId)) this.backend.disposeData(info.dataId);
    }
    this.scratch.length = 0;
  }
}
