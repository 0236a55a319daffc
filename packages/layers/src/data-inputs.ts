import type * as tf from '@dendrite/tensor';

/** Tensors the training engine is feeding as a batch of model inputs right now. */
const dataInputs = new WeakSet<tf.Tensor>();

/**
 * Runs `step` with `tensors` marked as data: inputs nothing is differentiated against. A layer
 * fed one of them directly (the first Dense of a model) skips its input gradient, which in a
 * Fashion-MNIST MLP (784 → 100 → 10) is the largest matrix product of the backward pass. The mark is lifted when
 * `step` returns or throws, so tensors the caller keeps are never affected afterwards.
 * @example
 * withDataInputs([xBatch], () => trainStep(...));
 */
export function withDataInputs<T>(tensors: readonly tf.Tensor[], step: () => T): T {
  const added = tensors.filter((tensor) => !dataInputs.has(tensor));
  for (const tensor of added) dataInputs.add(tensor);
  const outer = derived;
  derived = [];
  try {
    return step();
  } finally {
    for (const tensor of [...added, ...derived]) dataInputs.delete(tensor);
    derived = outer;
  }
}

/** Tensors marked by {@link markDerivedData} in the innermost {@link withDataInputs} call. */
let derived: tf.Tensor[] | undefined;

/**
 * Marks `output` as data when `input` is: for layers that only rearrange their input (Flatten,
 * Reshape), so the Dense layer after them still skips its input gradient. Unmarked with the
 * batch when the step ends.
 */
export function markDerivedData(input: tf.Tensor, output: tf.Tensor): void {
  if (derived === undefined || !dataInputs.has(input) || dataInputs.has(output)) return;
  dataInputs.add(output);
  derived.push(output);
}

/** Whether `tensor` is a batch of data inside {@link withDataInputs}. */
export function isDataInput(tensor: tf.Tensor): boolean {
  return dataInputs.has(tensor);
}
