import * as activations from '@dendrite/activations';
import type * as tf from '@dendrite/tensor';
import { BaseRNN } from './base-rnn.js';
import type { RecurrentArgs } from './recurrent-args.js';

/** Config of the gated recurrent layers ({@link LSTM}, {@link GRU}). */
export interface GatedRNNArgs extends RecurrentArgs {
  /** Activation of the gates (LSTM: input, forget, output; GRU: update, reset). @defaultValue 'sigmoid' */
  readonly recurrentActivation?: activations.ActivationIdentifier;
}

/** Defaults of {@link GatedRNNArgs} beyond the shared recurrent ones. */
export const GATED_RNN_DEFAULTS = Object.freeze({ recurrentActivation: 'sigmoid' });

/** The base of {@link LSTM} and {@link GRU}: a {@link BaseRNN} whose gates use `recurrentActivation`. */
export abstract class GatedRNN extends BaseRNN {
  readonly recurrentActivation: activations.Activation;

  constructor(args: GatedRNNArgs) {
    super(args);
    const identifier = args.recurrentActivation ?? GATED_RNN_DEFAULTS.recurrentActivation;
    this.recurrentActivation = activations.get(identifier);
  }

  override getConfig(): tf.ConfigDict {
    const recurrentActivation = activations.serialize(this.recurrentActivation);
    return { ...super.getConfig(), recurrentActivation };
  }
}
