import * as tf from '@dendrite/tensor';
import { checkDataFormat, type DataFormat, toChannelsLast } from '../convolutional/conv-utils.js';
import { markDerivedData } from '../data-inputs.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, shapeSize, singleShape } from '../shape.js';

/** Config of {@link Flatten}. */
export interface FlattenArgs extends LayerArgs {
  /**
   * Layout of the inputs; channels-first inputs are moved to channels-last before flattening,
   * so the features come out in the same order either way (Keras).
   * @defaultValue 'channelsLast'
   */
  readonly dataFormat?: DataFormat;
}

/**
 * Flattens every axis but the batch one: `[batch, d1, d2, ...] → [batch, d1·d2·...]`.
 * @example flatten() // [n, 7, 7, 32] → [n, 1568]
 */
export class Flatten extends Layer {
  static override readonly className = 'Flatten';
  readonly dataFormat: DataFormat;

  constructor(args: FlattenArgs = {}) {
    super(args);
    this.dataFormat = checkDataFormat('Flatten', args.dataFormat);
  }

  call(inputs: LayerIO): tf.Tensor {
    const input = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const x =
      this.dataFormat === 'channelsFirst' && input.rank >= 3 ? toChannelsLast(input) : input;
    const flat = tf.reshape(x, [x.shape[0] as number, -1]);
    markDerivedData(input, flat);
    return flat;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    return [shape[0] ?? null, shapeSize(shape.slice(1))];
  }

  protected override outputDType(inputDType: tf.DataType): tf.DataType {
    return inputDType;
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

/** Creates a {@link Flatten} layer. @example flatten() */
export function flatten(args: FlattenArgs = {}): Flatten {
  return new Flatten(args);
}
