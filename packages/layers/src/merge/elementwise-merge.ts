import * as tf from '@dendrite/tensor';
import type { LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { formatShapes, Merge } from './merge.js';

/** Config of the element-wise merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum). */
export type ElementwiseMergeArgs = LayerArgs;

/**
 * Merges inputs element by element with Keras' broadcasting: shapes after the batch axis are
 * aligned from the right and a dimension of 1 stretches; a lower-rank input gets new axes right
 * after the batch axis. Batch sizes must be equal (Keras does not broadcast the batch).
 */
export abstract class ElementwiseMerge extends Merge {
  /** Combines two aligned tensors (a tfjs op such as `tf.add`); applied left to right over the list. */
  protected abstract readonly combine: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    const rank = Math.max(...inputs.map((t) => t.rank));
    const aligned = inputs.map((t) => {
      let x = t;
      while (x.rank < rank) x = tf.expandDims(x, 1);
      return x;
    });
    return aligned.slice(1).reduce((acc, x) => this.combine(acc, x), aligned[0] as tf.Tensor);
  }

  protected mergedShape(shapes: readonly Shape[]): Shape {
    let output: Shape = (shapes[0] as Shape).slice(1);
    for (const shape of shapes.slice(1)) {
      const other = shape.slice(1);
      const [long, short] = output.length >= other.length ? [output, other] : [other, output];
      const offset = long.length - short.length;
      output = long.map((dim, i) => {
        if (i < offset) return dim;
        const b = short[i - offset] ?? null;
        if (dim === null || b === null) return null;
        if (dim === 1) return b;
        if (b === 1 || dim === b) return dim;
        throw new tf.ShapeError(
          `${this.name}: inputs have incompatible shapes; received ${formatShapes(shapes)}`,
        );
      });
    }
    const batch =
      shapes.map((shape) => shape[0]).find((dim) => dim !== null && dim !== undefined) ?? null;
    return [batch, ...output];
  }
}
