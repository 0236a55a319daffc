import * as tf from '@dendrite/tensor';

/**
 * The Dense layer's gradient `[dx, dKernel, dBias?]` in one `DendriteDenseGrad` kernel, where the
 * backend has it (the native backend), the activation is `linear` or `relu` and everything is
 * float32; `undefined` otherwise (the caller runs the composed ops). Without `inputGradient`, `dx`
 * is a NaN scalar, as in the composed path.
 */
export function fusedDenseGradient(
  activation: string,
  dy: tf.Tensor2D,
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  out: tf.Tensor2D,
  hasBias: boolean,
  inputGradient: boolean,
): tf.Tensor[] | undefined {
  const fusable = activation === 'linear' || activation === 'relu';
  if (!fusable || [dy, x, kernel, out].some((t) => t.dtype !== 'float32')) return undefined;
  if (!tf.hasDendriteKernel(tf.DendriteDenseGrad)) return undefined;
  const inputs: tf.NamedTensorMap =
    activation === 'relu' ? { dy, x, kernel, out } : { dy, x, kernel };
  const attrs = { activation, inputGradient, hasBias };
  const grads = tf.engine().runKernel(tf.DendriteDenseGrad, inputs, attrs) as tf.Tensor[];
  return inputGradient ? grads : [tf.scalar(Number.NaN), ...grads];
}

/**
 * Inverted dropout of float32 `x` with a full-shape mask in one `DendriteDropout` kernel, its
 * mask kept as bytes for `DendriteDropoutGrad`, where the backend has both; `undefined` otherwise.
 * Draws exactly what `dropoutMask` would from `rng` and moves `rng` on as far, so both paths
 * give the same values.
 */
export function fusedDropout(
  x: tf.Tensor,
  rate: number,
  rng: tf.RandomGenerator,
): tf.Tensor | undefined {
  if (x.dtype !== 'float32' || !tf.hasDendriteKernel(tf.DendriteDropout)) return undefined;
  const seed = rng.getState();
  rng.setState(tf.dropoutStateAfter(seed, x.size));
  return tf.customGrad((input, save) => {
    const [y, mask] = tf
      .engine()
      .runKernel(tf.DendriteDropout, { x: input as tf.Tensor }, { rate, seed }) as tf.Tensor[];
    (save as tf.GradSaveFunc)([mask as tf.Tensor]);
    return {
      value: y as tf.Tensor,
      gradFunc: (dy, saved) =>
        tf
          .engine()
          .runKernel(
            tf.DendriteDropoutGrad,
            { dy: dy as tf.Tensor, mask: saved[0] as tf.Tensor },
            { rate },
          ) as tf.Tensor,
    };
  })(x);
}
