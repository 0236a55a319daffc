import * as tf from '@dendrite/tensor';

/**
 * `tf.variableGrads`, made leak-free on errors: tfjs' tape keeps a copy of every tensor a
 * gradient needs and frees those copies only after a successful backward pass, so a loss or a
 * gradient that throws (a label of the wrong shape, say) would leave them behind. Here they are
 * freed before the error goes on, unless an outer gradient computation still records.
 */
export function variableGrads(
  f: () => tf.Scalar,
  variables: tf.Variable[],
): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  try {
    return tf.variableGrads(f, variables);
  } catch (error) {
    const state = tf.engine().state;
    if (state.gradientDepth === 0) {
      for (const node of state.activeTape ?? []) {
        for (const saved of node.saved ?? []) saved.dispose();
      }
      state.activeTape = [];
    }
    throw error;
  }
}
