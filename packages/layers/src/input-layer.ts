import * as tf from '@dendrite/tensor';
import { Layer, type LayerIO, uniqueLayerName } from './layer.js';
import type { Shape } from './shape.js';
import { SymbolicTensor } from './symbolic-tensor.js';

/** Config of {@link InputLayer} and {@link input}. */
export interface InputArgs {
  /** Shape of one sample, without the batch dimension. */
  readonly shape?: Shape;
  /** Full shape, batch dimension first (`null` for any batch size). */
  readonly batchShape?: Shape;
  /** Fixed batch size. @defaultValue null (any) */
  readonly batchSize?: number;
  /** @defaultValue 'float32' */
  readonly dtype?: tf.DataType;
  /** @defaultValue `input`, `input_1`, ... */
  readonly name?: string;
}

function checkShape(shape: Shape, shown: Shape): void {
  for (const dim of shape) {
    if (dim !== null && (!Number.isInteger(dim) || dim <= 0)) {
      throw new tf.ConfigError(
        tf.configMessage('input', 'shape', 'positive integers or null', [...shown]),
      );
    }
  }
}

/** The entry point of a functional model: produces one symbolic tensor, has no weights. */
export class InputLayer extends Layer {
  static override readonly className = 'InputLayer';
  /** The symbolic tensor this layer feeds into the graph. */
  readonly output: SymbolicTensor;

  constructor(args: InputArgs & { batchInputShape?: Shape; sparse?: boolean }) {
    const batchShape =
      args.batchShape ??
      args.batchInputShape ??
      (args.shape ? [args.batchSize ?? null, ...args.shape] : undefined);
    if (!batchShape) {
      throw new tf.ConfigError(
        tf.configMessage('input', 'shape', 'the shape of one sample, e.g. [784]', args.shape),
      );
    }
    checkShape(batchShape, args.shape ?? batchShape);
    super({
      name: args.name ?? uniqueLayerName('input'),
      dtype: args.dtype ?? 'float32',
      batchInputShape: batchShape,
    });
    this.built = true;
    this.output = new SymbolicTensor(this.dtype, batchShape, this, 0, 0, this.name);
    this.inboundNodes.push({ layer: this, inputs: [], outputs: [this.output], callArgs: {} });
  }

  call(inputs: LayerIO): LayerIO {
    return inputs;
  }

  override getConfig(): tf.ConfigDict {
    return {
      batchInputShape: [...(this.batchInputShape as Shape)],
      dtype: this.dtype,
      sparse: false,
      name: this.name,
    };
  }
}

/**
 * A symbolic input for a functional model.
 * @example const x = input({ shape: [784] }); const y = dense({ units: 10 }).apply(x);
 */
export function input(args: InputArgs): SymbolicTensor {
  return new InputLayer(args).output;
}
