import * as tf from '@dendrite/tensor';

/** What {@link attentionMask} combines. */
export interface AttentionMaskSources {
  readonly query: tf.Tensor;
  readonly value: tf.Tensor;
  /** Keras mask of the query, `[batch, queryLength]`. */
  readonly queryMask: tf.Tensor | null;
  /** Keras mask of the value, `[batch, keyLength]`. */
  readonly valueMask: tf.Tensor | null;
  /** Keras mask of the key, `[batch, keyLength]`. */
  readonly keyMask: tf.Tensor | null;
  /** Explicit mask `[batch, queryLength, keyLength]` (or broadcastable to it), true = attend. */
  readonly attentionMask: tf.Tensor | null;
  /** Whether query position i may only see key positions j <= i. */
  readonly useCausalMask: boolean;
}

/**
 * The boolean mask Keras 3's MultiHeadAttention applies to its scores: the logical AND of the
 * query mask (`[batch, T, 1]`), the value and key masks (`[batch, 1, S]`), the causal mask
 * (`[1, T, S]`, lower triangular) and the explicit `attentionMask`; `null` when none is given.
 */
export function attentionMask(owner: string, sources: AttentionMaskSources): tf.Tensor | null {
  const parts: tf.Tensor[] = [];
  if (sources.queryMask) parts.push(tf.expandDims(tf.cast(sources.queryMask, 'bool'), -1));
  if (sources.valueMask) parts.push(tf.expandDims(tf.cast(sources.valueMask, 'bool'), -2));
  if (sources.keyMask) parts.push(tf.expandDims(tf.cast(sources.keyMask, 'bool'), -2));
  if (sources.useCausalMask) parts.push(causalMask(owner, sources.query, sources.value));
  if (sources.attentionMask) {
    const given = sources.attentionMask;
    if (!(given instanceof tf.Tensor)) {
      throw new tf.ConfigError(
        tf.configMessage(owner, 'attentionMask', 'a tensor of booleans', given),
      );
    }
    parts.push(tf.cast(given, 'bool'));
  }
  if (parts.length === 0) return null;
  return parts.reduce((combined, part) => {
    try {
      return tf.logicalAnd(combined, part);
    } catch {
      throw new tf.ShapeError(
        `${owner}: masks of shapes [${combined.shape}] and [${part.shape}] do not broadcast together (query, value, key, causal and attention masks are combined)`,
      );
    }
  });
}

/** `[1, T, S]` with `mask[0][i][j] = i >= j`: query position i sees key positions up to i. */
function causalMask(owner: string, query: tf.Tensor, value: tf.Tensor): tf.Tensor {
  const queryLength = query.shape[1];
  const keyLength = value.shape[1];
  if (queryLength === undefined || keyLength === undefined) {
    throw new tf.ShapeError(`${owner}: \`useCausalMask\` needs query and value with a time axis`);
  }
  const rows = tf.reshape(tf.range(0, queryLength, 1, 'int32'), [queryLength, 1]);
  const columns = tf.reshape(tf.range(0, keyLength, 1, 'int32'), [1, keyLength]);
  return tf.expandDims(tf.greaterEqual(rows, columns), 0);
}
