import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { applySlices, resolveSliceSpec, slicedShape } from './slice-spec.js';

/** Config of {@link SlicingOpLambda}. */
export interface SlicingOpLambdaArgs extends LayerArgs {
  /** Only `'__operators__.getitem'` (`x[...]`), as tf.keras saves it. @defaultValue '__operators__.getitem' */
  readonly function?: string;
}

const GETITEM = '__operators__.getitem';

/**
 * tf.keras' layer for `x[...]` on a symbolic tensor: NumPy basic indexing with the
 * `sliceSpec` call argument as tf.keras saves it (`x[:, -1]` is
 * `[{start: null, stop: null, step: null}, -1]`; `null` adds an axis; an ellipsis object
 * stands for the axes left out). No code from a file is run.
 * @example new SlicingOpLambda({}).apply(x, { sliceSpec: [{ start: null, stop: null, step: null }, -1] })
 */
export class SlicingOpLambda extends Layer {
  static override readonly className = 'SlicingOpLambda';
  readonly function = GETITEM;

  constructor(args: SlicingOpLambdaArgs = {}) {
    super(args);
    const name = args.function ?? GETITEM;
    if (
      typeof name !== 'string' ||
      name.replace(/^tf\./, '').replace(/_/g, '').toLowerCase() !== 'operators.getitem'
    ) {
      throw new tf.UnknownNameError(
        `${args.name ?? 'SlicingOpLambda'}: TensorFlow function ${JSON.stringify(name)} is not supported by SlicingOpLambda (only ${GETITEM}; code from a file is never run)`,
      );
    }
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return applySlices(this.name, x, resolveSliceSpec(this.name, this.spec(args), x.rank));
  }

  override computeOutputShape(inputShape: Shape | Shape[], args: CallArgs = {}): Shape {
    const shape = singleShape(this.name, inputShape);
    return slicedShape(shape, resolveSliceSpec(this.name, this.spec(args), shape.length));
  }

  private spec(args: CallArgs): unknown {
    const spec = args.sliceSpec ?? args.slice_spec;
    if (spec === undefined) {
      throw new tf.ConfigError(
        tf.configMessage(this.name, 'sliceSpec', 'a slice spec in the call arguments', spec),
      );
    }
    return spec;
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), function: GETITEM };
  }
}
