import * as tf from '@tensorflow/tfjs-core';
import { registerIfAbsent } from './kernel-access.js';
import * as contract from './softmax-crossentropy.js';
import { flatProgram, type WebGPUBackendLike, type WebGpuUniform } from './webgpu-program.js';

// WebGPU versions of the softmax cross-entropy kernels whose contract (names, inputs, attrs,
// outputs and math) `softmax-crossentropy.ts` states for every backend; the loss calls them
// only where the active backend has them, and checks their inputs the same way.

/**
 * WGSL that leaves, for the row starting at `start`, its log-softmax shift in `shift` (the
 * maximum plus the log of the shifted exponentials' sum, so large logits stay finite).
 */
function rowShift(classes: number): string {
  return `
        var top = f32(logits[start]);
        for (var c = 1; c < ${classes}; c++) { top = max(top, f32(logits[start + c])); }
        var total = 0.0;
        for (var c = 0; c < ${classes}; c++) { total = total + exp(f32(logits[start + c]) - top); }
        let shift = top + log(total);`;
}

/** `clip(l)` and whether `l` lies inside the bounds (always when `clip` is 0), in WGSL. */
const clipHelpers = `
      fn inside(l : f32) -> bool {
        return uniforms.clip == 0 || (l >= uniforms.low && l <= uniforms.high);
      }
      fn clipped(l : f32) -> f32 {
        if (uniforms.clip == 0) { return l; }
        return clamp(l, uniforms.low, uniforms.high);
      }`;

function clipUniforms(epsilon: number): WebGpuUniform[] {
  return [
    { type: 'float32', data: [epsilon === 0 ? 0 : Math.log(epsilon)] },
    { type: 'float32', data: [epsilon === 0 ? 0 : Math.log1p(-epsilon)] },
    { type: 'int32', data: [epsilon === 0 ? 0 : 1] },
  ];
}

/**
 * One invocation per row: `loss = −Σ_c labels_c · clip(logSoftmax(logits)_c)`, scaled by
 * `1 / rows` and summed by tfjs' own `Sum` for `reduction: 'mean'`.
 */
const forwardKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { logits, labels } = inputs as unknown as contract.SoftmaxCrossEntropyInputs;
  const settings = attrs as unknown as contract.SoftmaxCrossEntropyAttrs;
  const { epsilon } = settings;
  const checked = contract.checkSoftmaxCrossEntropy(
    contract.DendriteSoftmaxCrossEntropy,
    { logits, labels },
    settings,
  );
  const { classes, mean } = checked;
  const shape = logits.shape.slice(0, -1);
  const rows = tf.util.sizeFromShape(shape);
  const program = flatProgram(
    `dendriteSoftmaxCrossEntropy_${classes}`,
    ['logits', 'labels'],
    rows,
    'low : f32, high : f32, clip : i32, scale : f32,',
    `
      ${clipHelpers}
      fn main(row : i32) {
        if (row >= uniforms.size) { return; }
        let start = row * ${classes};
        ${rowShift(classes)}
        var loss = 0.0;
        for (var c = 0; c < ${classes}; c++) {
          loss = loss - f32(labels[start + c]) * clipped(f32(logits[start + c]) - shift);
        }
        setOutputAtIndex(row, loss * uniforms.scale);
      }`,
  );
  const gpu = backend as unknown as WebGPUBackendLike;
  const scale: WebGpuUniform = { type: 'float32', data: [mean ? 1 / Math.max(rows, 1) : 1] };
  const uniforms = [...clipUniforms(epsilon), scale];
  const out = { ...gpu.runWebGPUProgram(program, [logits, labels], 'float32', uniforms), shape };
  if (!mean) return out;
  const sum = tf.getKernel(tf.Sum, 'webgpu') as tf.KernelConfig;
  const attrsOfSum = { axis: shape.map((_, axis) => axis), keepDims: false };
  const total = sum.kernelFunc({ inputs: { x: out }, backend, attrs: attrsOfSum }) as tf.TensorInfo;
  (backend as tf.KernelBackend).disposeData(out.dataId);
  return total;
};

/**
 * One invocation per element, run twice (`which` picks `dLogits` or `dLabels`: tfjs' WebGPU
 * programs have one output each): `dLogits_c = dy · (p_c · S − labels_c · u_c)`,
 * `dLabels_c = −dy · clip(l_c)`, with the row's log-softmax recomputed per element (few classes).
 */
const gradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const named = inputs as unknown as contract.SoftmaxCrossEntropyGradInputs;
  const settings = attrs as unknown as contract.SoftmaxCrossEntropyAttrs;
  const { epsilon } = settings;
  const { classes, mean } = contract.checkSoftmaxCrossEntropyGrad(named, settings);
  const { dy, logits, labels } = named;
  // A mean hands each row an equal share of the scalar `dy`.
  const rows = tf.util.sizeFromShape(logits.shape.slice(0, -1));
  const upstream: WebGpuUniform[] = [
    { type: 'float32', data: [mean ? 1 / Math.max(rows, 1) : 1] },
    { type: 'int32', data: [mean ? 1 : 0] },
  ];
  const size = tf.util.sizeFromShape(logits.shape);
  const program = flatProgram(
    `dendriteSoftmaxCrossEntropyGrad_${classes}`,
    ['dy', 'logits', 'labels'],
    size,
    'low : f32, high : f32, clip : i32, which : i32, scale : f32, scalarDy : i32,',
    `
      ${clipHelpers}
      fn main(index : i32) {
        if (index >= uniforms.size) { return; }
        let row = index / ${classes};
        let start = row * ${classes};
        ${rowShift(classes)}
        let l = f32(logits[index]) - shift;
        let d = f32(dy[select(row, 0, uniforms.scalarDy == 1)]) * uniforms.scale;
        if (uniforms.which == 1) {
          setOutputAtIndex(index, -d * clipped(l));
          return;
        }
        var kept = 0.0;
        for (var c = 0; c < ${classes}; c++) {
          if (inside(f32(logits[start + c]) - shift)) { kept = kept + f32(labels[start + c]); }
        }
        let own = select(0.0, f32(labels[index]), inside(l));
        setOutputAtIndex(index, d * (exp(l) * kept - own));
      }`,
  );
  const gpu = backend as unknown as WebGPUBackendLike;
  return [0, 1].map((which) => {
    const uniforms: WebGpuUniform[] = [
      ...clipUniforms(epsilon),
      { type: 'int32', data: [which] },
      ...upstream,
    ];
    const out = gpu.runWebGPUProgram(program, [dy, logits, labels], 'float32', uniforms);
    return { ...out, shape: logits.shape };
  });
};

/** Registers both softmax cross-entropy kernels for tfjs' `webgpu` backend (idempotent). */
export function registerSoftmaxCrossEntropyWebGpu(): void {
  const kernels: Array<[string, tf.KernelFunc]> = [
    [contract.DendriteSoftmaxCrossEntropy, forwardKernel],
    [contract.DendriteSoftmaxCrossEntropyGrad, gradKernel],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    registerIfAbsent(kernelName, 'webgpu', kernelFunc);
  }
}
