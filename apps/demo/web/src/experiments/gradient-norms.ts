import * as dd from 'dendrite';

/**
 * The gradient norm of every Dense kernel of `model` (input side first) for the sparse
 * categorical crossentropy on one batch; nothing is updated. A browser-side stand-in for
 * `computeGradientStats` of `@dendrite/models` until the facade exports it.
 * @example const norms = await kernelGradientNorms(model, xBatch, yBatch);
 */
export async function kernelGradientNorms(
  model: dd.LayersModel,
  x: dd.Tensor,
  y: dd.Tensor,
): Promise<number[]> {
  const loss = dd.losses.get('sparseCategoricalCrossentropy');
  const kernels = model.trainableWeights
    .filter((weight) => weight.originalName.endsWith('/kernel'))
    .map((weight) => weight.read());
  const norms = dd.tidy(() => {
    const { grads } = dd.tf.variableGrads(
      () => loss.apply(y, model.apply(x, { training: true })) as dd.Scalar,
      kernels,
    );
    return dd.tf.stack(kernels.map((kernel) => dd.tf.norm(grads[kernel.name]!)));
  });
  const values = await norms.data();
  norms.dispose();
  return Array.from(values);
}
