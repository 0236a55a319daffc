import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { isShapeList, type Shape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { findTFOp, type TFOp } from './tf-op-table.js';

/** Config of {@link TFOpLambda}. */
export interface TFOpLambdaArgs extends LayerArgs {
  /** The TensorFlow function, as Keras saves it: `'__operators__.add'`, `'math.multiply'`, ... */
  readonly function: string;
}

/**
 * tf.keras' wrapper of a plain TensorFlow operation used on symbolic tensors in a functional
 * model (`x * 2`, `tf.math.add(a, b)`, `tf.nn.relu(x)`). Only a fixed table of elementwise
 * operations and reductions is accepted ({@link TF_OPS}); any other name is refused, and no
 * code from a file is ever run. A binary operation takes `[x, y]` or `x` with the constant `y`
 * in the call arguments (Keras' `{"y": 0.5}`); a constant may be a number or a list broadcast
 * against x. A reduction (`math.reduce_mean`, ...) reads `axis` and `keepdims` from them.
 * @example new TFOpLambda({ function: 'math.multiply' }).apply(x, { y: 1 / 255 })
 */
export class TFOpLambda extends Layer {
  static override readonly className = 'TFOpLambda';
  readonly function: string;
  private readonly op: TFOp;

  constructor(args: TFOpLambdaArgs) {
    super(args);
    this.op = findTFOp(args?.name ?? 'TFOpLambda', args?.function);
    this.function = this.op.name;
  }

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const x = list[0] as tf.Tensor;
    if (this.op.arity === 'unary') {
      this.checkCount(list.length, 1);
      return this.op.apply(x);
    }
    if (this.op.arity === 'reduce') {
      this.checkCount(list.length, 1);
      const { axis, keepdims } = this.reduction(args, x.rank);
      return this.op.apply(x, axis, keepdims);
    }
    if (list.length === 2) return this.op.apply(x, list[1] as tf.Tensor);
    this.checkCount(list.length, 1);
    const y = args.y;
    if (typeof y === 'number' && Number.isFinite(y)) return this.op.apply(x, y);
    if (Array.isArray(y) && y.length > 0) {
      const constant = tf.tensor(y as number[], undefined, x.dtype);
      const offset = x.rank - constant.rank;
      const fits =
        offset >= 0 && constant.shape.every((d, i) => d === 1 || d === x.shape[offset + i]);
      if (!fits) {
        throw new tf.ShapeError(
          `${this.name}: the constant \`y\` of shape [${constant.shape}] must broadcast into x of shape [${x.shape}]`,
        );
      }
      return this.op.apply(x, constant);
    }
    throw new tf.ConfigError(
      tf.configMessage(
        this.name,
        'y',
        `a second input or a finite number (or list) in the call arguments of ${this.function}`,
        y,
      ),
    );
  }

  /** A reduction's `axis` (one, a list, or all when absent) and `keepdims`, from the call arguments. */
  private reduction(
    args: CallArgs,
    rank: number,
  ): { axis: number[] | undefined; keepdims: boolean } {
    const given = args.axis ?? null;
    const list = given === null ? undefined : Array.isArray(given) ? given : [given];
    if (list && !list.every((a) => Number.isInteger(a) && a >= -rank && a < rank)) {
      throw new tf.ConfigError(
        tf.configMessage(this.name, 'axis', `integers in [${-rank}, ${rank - 1}] or null`, given),
      );
    }
    const keepdims = args.keepdims ?? false;
    if (typeof keepdims !== 'boolean') {
      throw new tf.ConfigError(tf.configMessage(this.name, 'keepdims', 'a boolean', keepdims));
    }
    return { axis: list?.map((a) => (a < 0 ? a + rank : a)), keepdims };
  }

  private checkCount(received: number, expected: number): void {
    if (received !== expected) {
      throw new tf.ShapeError(
        `${this.name}: ${this.function} takes ${expected === 1 ? 'one input' : `${expected} inputs`}; received ${received}`,
      );
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[], args: CallArgs = {}): Shape {
    if (this.op.arity === 'reduce') {
      const shape = isShapeList(inputShape) ? (inputShape[0] as Shape) : (inputShape as Shape);
      const { axis, keepdims } = this.reduction(args, shape.length);
      const reduced = axis ?? shape.map((_, i) => i);
      return keepdims
        ? shape.map((d, i) => (reduced.includes(i) ? 1 : d))
        : shape.filter((_, i) => !reduced.includes(i));
    }
    if (!isShapeList(inputShape)) return inputShape as Shape;
    const [first, second] = inputShape as readonly Shape[];
    if (second === undefined) return first as Shape;
    return broadcastShapes(this.name, first as Shape, second);
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), function: this.function };
  }
}

/** NumPy broadcasting of two shapes with unknown (`null`) dimensions. */
function broadcastShapes(name: string, a: Shape, b: Shape): Shape {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === 1) return db ?? null;
    if (db === 1) return da ?? null;
    if (da === null || db === null) return da ?? db ?? null;
    if (da !== db) {
      throw new tf.ShapeError(
        `${name}: shapes [${a.map((d) => d ?? 'null')}] and [${b.map((d) => d ?? 'null')}] do not broadcast`,
      );
    }
    return da;
  });
}

/** Creates a {@link TFOpLambda} layer. @example tfOpLambda({ function: '__operators__.add' }) */
export function tfOpLambda(args: TFOpLambdaArgs): TFOpLambda {
  return new TFOpLambda(args);
}
