import * as activations from '@dendrite/activations';
import type * as tf from '@dendrite/tensor';
import { ConfigError, configMessage } from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';

/** Config of {@link Activation}. */
export interface ActivationArgs extends LayerArgs {
  /** The function applied elementwise (or over the last axis, for softmax), by name or value. */
  readonly activation: activations.ActivationIdentifier;
}

/**
 * Applies an activation function to its input.
 * @example activation({ activation: 'relu' })
 */
export class Activation extends Layer {
  static override readonly className = 'Activation';

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }
  readonly activation: activations.Activation;

  constructor(args: ActivationArgs) {
    super(args);
    if (args?.activation === undefined || args.activation === null) {
      throw new ConfigError(
        configMessage(
          'Activation',
          'activation',
          'an activation name or function',
          args?.activation,
        ),
      );
    }
    this.activation = activations.get(args.activation);
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return this.activation.apply(x);
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), activation: activations.serialize(this.activation) };
  }
}

/** Creates an {@link Activation} layer. @example activation({ activation: 'softmax' }) */
export function activation(args: ActivationArgs): Activation {
  return new Activation(args);
}
