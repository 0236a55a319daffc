import * as tf from '@dendrite/tensor';

/**
 * One TensorFlow function a {@link TFOpLambda} may stand for, without side effects: `unary`
 * f(x); `binary` f(x, y), y a second input or a constant; `reduce` f(x, axis, keepdims).
 */
export type TFOp =
  | { readonly name: string; readonly arity: 'unary'; readonly apply: (x: tf.Tensor) => tf.Tensor }
  | {
      readonly name: string;
      readonly arity: 'binary';
      readonly apply: (x: tf.Tensor, y: tf.Tensor | number) => tf.Tensor;
    }
  | {
      readonly name: string;
      readonly arity: 'reduce';
      readonly apply: (x: tf.Tensor, axis: number[] | undefined, keepdims: boolean) => tf.Tensor;
    };

const unary = (name: string, apply: (x: tf.Tensor) => tf.Tensor): TFOp => ({
  name,
  arity: 'unary',
  apply,
});
const binary = (name: string, apply: (x: tf.Tensor, y: tf.Tensor | number) => tf.Tensor): TFOp => ({
  name,
  arity: 'binary',
  apply,
});
const reduce = (
  name: string,
  apply: (x: tf.Tensor, axis: number[] | undefined, keepdims: boolean) => tf.Tensor,
): TFOp => ({ name, arity: 'reduce', apply });

/**
 * The fixed table of operations a saved `TFOpLambda` may name. Anything else is refused by
 * name: the layer never evaluates code from a file.
 */
export const TF_OPS: readonly TFOp[] = [
  binary('__operators__.add', tf.add),
  binary('math.add', tf.add),
  binary('math.subtract', tf.sub),
  binary('math.multiply', tf.mul),
  binary('math.truediv', tf.div),
  binary('math.divide', tf.div),
  binary('math.maximum', tf.maximum),
  binary('math.minimum', tf.minimum),
  binary('math.pow', tf.pow),
  binary('math.squared_difference', tf.squaredDifference),
  unary('math.negative', tf.neg),
  unary('math.abs', tf.abs),
  unary('math.exp', tf.exp),
  unary('math.log', tf.log),
  unary('math.sqrt', tf.sqrt),
  unary('math.square', tf.square),
  unary('math.sigmoid', tf.sigmoid),
  unary('math.tanh', tf.tanh),
  unary('nn.relu', tf.relu),
  unary('nn.relu6', tf.relu6),
  unary('nn.sigmoid', tf.sigmoid),
  unary('nn.tanh', tf.tanh),
  reduce('math.reduce_mean', tf.mean),
  reduce('math.reduce_sum', tf.sum),
  reduce('math.reduce_max', tf.max),
  reduce('math.reduce_min', tf.min),
];

/**
 * A name as the table compares it: no `tf.` prefix, no underscores, lower case — so Keras'
 * `__operators__.add` and the camel-cased `Operators__.add` or `math.squaredDifference` that
 * a snake-to-camel config conversion makes of them find the same entry.
 */
function canonical(name: string): string {
  return name.replace(/^tf\./, '').replace(/_/g, '').toLowerCase();
}

const byCanonicalName = new Map(TF_OPS.map((op) => [canonical(op.name), op]));

/** The table entry for a saved `function` name, or an UnknownNameError naming it. */
export function findTFOp(owner: string, name: unknown): TFOp {
  const op = typeof name === 'string' ? byCanonicalName.get(canonical(name)) : undefined;
  if (!op) {
    throw new tf.UnknownNameError(
      `${owner}: TensorFlow function ${JSON.stringify(name)} is not supported (code from a file is never run); supported: ${TF_OPS.map((o) => o.name).join(', ')}`,
    );
  }
  return op;
}
