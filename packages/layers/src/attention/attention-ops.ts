import * as tf from '@dendrite/tensor';

/**
 * Where the axes of a projected tensor `[batch, ...inner, heads, depth]` go during attention:
 * Keras treats every axis that is neither an attention axis nor the depth as a batch axis
 * (heads included), in increasing order, then the attention axes, then the depth.
 */
export interface AttentionLayout {
  /** Batch-like axes of the projected tensor, increasing (batch, other inner axes, heads). */
  readonly batchAxes: readonly number[];
  /** The attention axes, as given. */
  readonly attentionAxes: readonly number[];
  /** Transposes the projected tensor to `[...batchAxes, ...attentionAxes, depth]`. */
  readonly permutation: readonly number[];
  /** The inverse of {@link permutation}. */
  readonly inverse: readonly number[];
}

/** The layout for projected tensors of `rank` (query rank + 1) attending over `attentionAxes`. */
export function attentionLayout(rank: number, attentionAxes: readonly number[]): AttentionLayout {
  const depth = rank - 1;
  const batchAxes = Array.from({ length: depth }, (_, i) => i).filter(
    (axis) => !attentionAxes.includes(axis),
  );
  const permutation = [...batchAxes, ...attentionAxes, depth];
  const inverse = new Array<number>(rank);
  permutation.forEach((axis, i) => {
    inverse[axis] = i;
  });
  return { batchAxes, attentionAxes: [...attentionAxes], permutation, inverse };
}

/**
 * `x [..., ...contracted] · kernel [...contracted, ...out]` plus `bias [...out]`: Keras'
 * EinsumDense projections written as one matrix product.
 */
export function project(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias: tf.Tensor | undefined,
  contracted: number,
): tf.Tensor {
  const lead = x.shape.slice(0, x.rank - contracted);
  const inner = kernel.shape.slice(0, contracted).reduce((a, b) => a * b, 1);
  const out = kernel.shape.slice(contracted);
  const flat = tf.matMul(tf.reshape(x, [-1, inner]), tf.reshape(kernel, [inner, -1]));
  const y = tf.reshape(flat, [...lead, ...out]);
  return bias ? tf.add(y, bias) : y;
}

/** Large enough that its softmax weight underflows to 0 in float32 (Keras uses -1e9). */
const MASKED_SCORE = -1e9;

/** Result of {@link scaledDotProductAttention}. */
export interface AttentionResult {
  /** Weighted values, shaped like the projected value but with the query's attention axes. */
  readonly output: tf.Tensor;
  /** Softmax weights `[...batch-like axes, ...query attention axes, ...key attention axes]`. */
  readonly scores: tf.Tensor;
}

/**
 * Scaled dot-product attention (Vaswani et al. 2017) over the attention axes of projected
 * tensors `[batch, ...inner, heads, depth]`: `softmax(q·kᵀ / sqrt(keyDim))·v`, the softmax
 * taken over all key attention axes jointly. `mask` (booleans, true = attend) is expanded as
 * Keras expands it — axes inserted before the query attention axes — and broadcast to the
 * scores; masked scores become -1e9. `dropProbabilities` may drop attention weights.
 */
export function scaledDotProductAttention(
  owner: string,
  query: tf.Tensor,
  key: tf.Tensor,
  value: tf.Tensor,
  layout: AttentionLayout,
  keyDim: number,
  mask: tf.Tensor | null,
  dropProbabilities: (probabilities: tf.Tensor) => tf.Tensor = (p) => p,
): AttentionResult {
  const q = tf.transpose(query, [...layout.permutation]);
  const k = tf.transpose(key, [...layout.permutation]);
  const v = tf.transpose(value, [...layout.permutation]);
  const batchCount = layout.batchAxes.length;
  const lead = q.shape.slice(0, batchCount);
  const queryAxes = q.shape.slice(batchCount, -1);
  const keyAxes = k.shape.slice(batchCount, -1);
  if (!tf.util.arraysEqual(k.shape.slice(0, batchCount), lead)) {
    throw new tf.ShapeError(
      `${owner}: query and key must agree on every axis but the attention axes [${layout.attentionAxes}] and the last; received query shape [${query.shape}] and key shape [${key.shape}] (projected)`,
    );
  }
  if (!tf.util.arraysEqual(v.shape.slice(0, -1), k.shape.slice(0, -1))) {
    throw new tf.ShapeError(
      `${owner}: value and key must agree on every axis but the last; received value shape [${value.shape}] and key shape [${key.shape}] (projected)`,
    );
  }
  const queryLength = queryAxes.reduce((a, b) => a * b, 1);
  const keyLength = keyAxes.reduce((a, b) => a * b, 1);
  const qFlat = tf.reshape(q, [-1, queryLength, q.shape[q.rank - 1] as number]);
  const kFlat = tf.reshape(k, [-1, keyLength, k.shape[k.rank - 1] as number]);
  const vFlat = tf.reshape(v, [-1, keyLength, v.shape[v.rank - 1] as number]);
  let logits = tf.matMul(tf.mul(qFlat, 1 / Math.sqrt(keyDim)), kFlat, false, true);
  if (mask !== null) {
    const scoreShape = [...lead, ...queryAxes, ...keyAxes];
    const full = broadcastMask(owner, mask, scoreShape, layout.attentionAxes.length);
    logits = tf.where(tf.reshape(full, logits.shape), logits, tf.fill(logits.shape, MASKED_SCORE));
  }
  const probabilities = tf.softmax(logits);
  const attended = tf.matMul(dropProbabilities(probabilities), vFlat);
  const output = tf.transpose(
    tf.reshape(attended, [...lead, ...queryAxes, v.shape[v.rank - 1] as number]),
    [...layout.inverse],
  );
  const scores = tf.reshape(probabilities, [...lead, ...queryAxes, ...keyAxes]);
  return { output, scores };
}

/** Keras' mask expansion: insert axes before the query attention axes, then broadcast. */
function broadcastMask(
  owner: string,
  mask: tf.Tensor,
  scoreShape: number[],
  attentionAxisCount: number,
): tf.Tensor {
  let expanded = tf.cast(mask, 'bool');
  while (expanded.rank < scoreShape.length) {
    expanded = tf.expandDims(expanded, expanded.rank - 2 * attentionAxisCount);
  }
  const fits =
    expanded.rank === scoreShape.length &&
    expanded.shape.every((dim, i) => dim === 1 || dim === scoreShape[i]);
  if (!fits) {
    throw new tf.ShapeError(
      `${owner}: the attention mask of shape [${mask.shape}] does not broadcast to the attention scores of shape [${scoreShape}] (batch-like axes, query positions, key positions)`,
    );
  }
  return tf.broadcastTo(expanded, scoreShape);
}
