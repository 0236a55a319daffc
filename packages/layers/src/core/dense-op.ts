import type { Activation } from '@dendrite/activations';
import * as tf from '@dendrite/tensor';
import { fusedDenseGradient } from './native-fusions.js';

/** Activations whose derivative the custom gradient writes from the saved output. */
type ClosedForm = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';

/** Activations the `_FusedMatMul` kernel applies itself (the others run as a separate op). */
const FUSED_ACTIVATIONS: ReadonlySet<string> = new Set(['linear', 'relu']);

/**
 * Backends whose matMul is much slower with `transposeA`/`transposeB` than without: there the
 * gradient transposes explicitly first. On wasm the flagged path is a loop about 12× slower than
 * its plain product, and an explicit transpose costs far less than that; tfjs' cpu kernel (and
 * OpenBLAS, WebGL) run the flags at the plain speed, so an explicit transpose would only add a copy.
 */
const EXPLICIT_TRANSPOSE: ReadonlySet<string> = new Set(['wasm']);

function closedForm(activation: Activation, outputRank: number): ClosedForm | undefined {
  switch (activation.name) {
    case 'linear':
    case 'relu':
    case 'sigmoid':
    case 'tanh':
      return activation.name;
    case 'softmax': {
      // Only the last axis: the custom gradient sees the 2-D product.
      const axis = activation.getConfig().axis ?? -1;
      return axis === -1 || axis === outputRank - 1 ? 'softmax' : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `activation(op(a)·op(b) + bias)` through Dendrite's own `DendriteMatMul` kernel (on cpu: a
 * packed, register-blocked product several times faster than tfjs' cpu matMul for every
 * transpose variant).
 */
function ownProduct(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  transposeA: boolean,
  transposeB: boolean,
  bias?: tf.Tensor1D,
  activation: 'linear' | 'relu' = 'linear',
): tf.Tensor2D {
  const inputs: tf.NamedTensorMap = bias ? { a, b, bias } : { a, b };
  const attrs = { transposeA, transposeB, activation };
  return tf.engine().runKernel(tf.DendriteMatMul, inputs, attrs) as tf.Tensor2D;
}

/** Whether `a·b` can run on `DendriteMatMul`: float32 operands and a backend that has it. */
function hasOwnProduct(a: tf.Tensor, b: tf.Tensor): boolean {
  return a.dtype === 'float32' && b.dtype === 'float32' && tf.hasDendriteKernel(tf.DendriteMatMul);
}

/** `aᵀ·b`, `a·bᵀ` or `a·b`, with the transposes done where the backend is fastest. */
function product(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean) {
  if (hasOwnProduct(a, b)) {
    return ownProduct(a, b, transposeA, transposeB);
  }
  if (!EXPLICIT_TRANSPOSE.has(tf.getBackend())) return tf.matMul(a, b, transposeA, transposeB);
  return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
}

/** `dL/dz` from `dL/dout` and `out = f(z)`, for the closed-form activations. */
function activationGradient(kind: ClosedForm, dy: tf.Tensor2D, out: tf.Tensor2D): tf.Tensor2D {
  switch (kind) {
    case 'linear':
      return dy;
    case 'relu':
      // relu'(z) = 1 where z > 0, which is where out > 0 (0 at z = 0, as tfjs and Keras take it).
      return tf.mul(dy, tf.step(out));
    case 'sigmoid':
      // σ' = σ(1 − σ)
      return tf.mul(dy, tf.mul(out, tf.sub(1, out)));
    case 'tanh':
      // tanh' = 1 − tanh²
      return tf.mul(dy, tf.sub(1, tf.square(out)));
    case 'softmax':
      // Jacobian-vector product of softmax: s ⊙ (dy − Σⱼ dyⱼ sⱼ)
      return tf.mul(out, tf.sub(dy, tf.sum(tf.mul(dy, out), -1, true)));
  }
}

/** Options of {@link denseForward}. */
export interface DenseForwardOptions {
  /**
   * Whether the gradient with respect to `x` may be needed. The training engine passes `false`
   * for a layer fed straight from the model's input batch, saving the `dz·Wᵀ` product (in a
   * 784 → 100 → 10 MLP at batch 32 the largest product of the step). With `false`, asking for that
   * gradient fails with tfjs' shape-mismatch error rather than returning a wrong value.
   * @defaultValue true
   */
  readonly inputGradient?: boolean;
}

/** `kind(x · kernel + bias)` on 2-D `x` with the hand-written gradient. */
function denseCore(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | undefined,
  kind: ClosedForm,
  activation: Activation,
  inputGradient: boolean,
): tf.Tensor2D {
  const own = FUSED_ACTIVATIONS.has(kind) && hasOwnProduct(x, kernel);
  const fused = FUSED_ACTIVATIONS.has(kind) && tf.getKernel('_FusedMatMul', tf.getBackend());
  const forward = (save: tf.GradSaveFunc): tf.Tensor2D => {
    let out: tf.Tensor2D;
    if (own) {
      out = ownProduct(x, kernel, false, false, bias, kind as 'linear' | 'relu');
    } else if (fused) {
      // The kernel itself, not `tf.fused.matMul`: under a gradient tape that op splits into
      // matMul, add and activation for anything but linear; here the tape is off anyway.
      const inputs: tf.NamedTensorMap = {
        a: tf.reshape(x, [1, ...x.shape]),
        b: tf.reshape(kernel, [1, ...kernel.shape]),
      };
      if (bias) inputs.bias = bias;
      const attrs = { transposeA: false, transposeB: false, activation: kind };
      const product3d = tf.engine().runKernel('_FusedMatMul', inputs, attrs) as tf.Tensor;
      out = tf.reshape(product3d, [x.shape[0], kernel.shape[1]]);
    } else {
      const z = bias ? tf.add(tf.matMul(x, kernel), bias) : tf.matMul(x, kernel);
      out = (kind === 'linear' ? z : activation.apply(z)) as tf.Tensor2D;
    }
    save([x, kernel, out]);
    return out;
  };
  const backward = (dy: tf.Tensor2D, saved: tf.Tensor[]): tf.Tensor[] => {
    const [savedX, savedKernel, out] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const fusedArgs = [dy, savedX, savedKernel, out, bias !== undefined, inputGradient] as const;
    const fusedGrads = fusedDenseGradient(kind, ...fusedArgs);
    if (fusedGrads) return fusedGrads;
    const dz = activationGradient(kind, dy, out);
    // dW = xᵀ·dz, dx = dz·Wᵀ, db = Σ over the batch of dz
    const dKernel = product(savedX, dz, true, false);
    // Never read when x is off the gradient path; a scalar's shape makes misuse fail loudly.
    const dx = inputGradient ? product(dz, savedKernel, false, true) : tf.scalar(Number.NaN);
    return bias ? [dx, dKernel, tf.sum(dz, 0)] : [dx, dKernel];
  };
  if (bias) {
    return tf.customGrad((_x, _kernel, _bias, save) => ({
      value: forward(save as tf.GradSaveFunc),
      gradFunc: (dy, saved) => backward(dy as tf.Tensor2D, saved),
    }))(x, kernel, bias) as tf.Tensor2D;
  }
  return tf.customGrad((_x, _kernel, save) => ({
    value: forward(save as tf.GradSaveFunc),
    gradFunc: (dy, saved) => backward(dy as tf.Tensor2D, saved),
  }))(x, kernel) as tf.Tensor2D;
}

/**
 * `activation(x · kernel + bias)` over the last axis of `x`, for inputs of any rank ≥ 2.
 *
 * Runs the backend's fused matMul+bias+activation kernel where it has one (for `linear` and
 * `relu`), and a hand-written gradient: `dW = xᵀ·dz`, `dx = dz·Wᵀ`, `db = Σ dz`, with the
 * activation's derivative in closed form for `linear`, `relu`, `sigmoid`, `tanh` and last-axis
 * `softmax`. On wasm the transposes are explicit, so each product takes the backend's
 * fast untransposed path. Other activations are applied after the product and differentiated by
 * autodiff. The values match plain `matMul` + `add` + activation and its autodiff to float32
 * rounding.
 * @example
 * const y = denseForward(tf.ones([2, 3]), tf.ones([3, 4]), tf.zeros([4]), activations.get('relu'));
 * // y: [[3, 3, 3, 3], [3, 3, 3, 3]]
 */
export function denseForward(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias: tf.Tensor | undefined,
  activation: Activation,
  options: DenseForwardOptions = {},
): tf.Tensor {
  return tf.tidy(() => {
    const rank = x.rank;
    const units = kernel.shape[1] as number;
    const flat = (rank === 2 ? x : tf.reshape(x, [-1, x.shape[rank - 1] as number])) as tf.Tensor2D;
    const kind = closedForm(activation, rank);
    const linear = kind ?? 'linear';
    let out: tf.Tensor = denseCore(
      flat,
      kernel as tf.Tensor2D,
      bias as tf.Tensor1D | undefined,
      linear,
      activation,
      options.inputGradient ?? true,
    );
    if (rank !== 2) out = tf.reshape(out, [...x.shape.slice(0, -1), units]);
    return kind ? out : activation.apply(out);
  });
}
