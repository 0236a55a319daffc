import type * as activations from '@dendrite/activations';
import type * as constraints from '@dendrite/constraints';
import type * as initializers from '@dendrite/initializers';
import type * as regularizers from '@dendrite/regularizers';
import type { LayerArgs } from '../layer.js';

/** Config shared by {@link SimpleRNN}, {@link LSTM} and {@link GRU}. */
export interface RecurrentArgs extends LayerArgs {
  /** Size of the output and of each state; a positive integer. */
  readonly units: number;
  /** Applied to the candidate state and (LSTM) to the cell output. @defaultValue 'tanh' */
  readonly activation?: activations.ActivationIdentifier;
  /** @defaultValue true */
  readonly useBias?: boolean;
  /** Initializer of `kernel` (inputs → gates). @defaultValue 'glorotUniform' */
  readonly kernelInitializer?: initializers.InitializerIdentifier;
  /** Initializer of `recurrent_kernel` (state → gates). @defaultValue 'orthogonal' */
  readonly recurrentInitializer?: initializers.InitializerIdentifier;
  /** @defaultValue 'zeros' */
  readonly biasInitializer?: initializers.InitializerIdentifier;
  /** @defaultValue none */
  readonly kernelRegularizer?: regularizers.RegularizerIdentifier | null;
  /** @defaultValue none */
  readonly recurrentRegularizer?: regularizers.RegularizerIdentifier | null;
  /** @defaultValue none */
  readonly biasRegularizer?: regularizers.RegularizerIdentifier | null;
  /** @defaultValue none */
  readonly kernelConstraint?: constraints.ConstraintIdentifier | null;
  /** @defaultValue none */
  readonly recurrentConstraint?: constraints.ConstraintIdentifier | null;
  /** @defaultValue none */
  readonly biasConstraint?: constraints.ConstraintIdentifier | null;
  /** Fraction of input features dropped in training (one mask per sequence), in [0, 1). @defaultValue 0 */
  readonly dropout?: number;
  /** Fraction of state units dropped in training (one mask per sequence), in [0, 1). @defaultValue 0 */
  readonly recurrentDropout?: number;
  /** Return the output of every step (`[batch, time, units]`) instead of the last (`[batch, units]`). @defaultValue false */
  readonly returnSequences?: boolean;
  /** Also return the final states: `[output, ...states]`. @defaultValue false */
  readonly returnState?: boolean;
  /** Process the sequence from the last step to the first; sequence outputs come in that order. @defaultValue false */
  readonly goBackwards?: boolean;
  /** Carrying state across batches is not supported; only `false` is accepted. @defaultValue false */
  readonly stateful?: boolean;
  /** Kept for TF.js config compatibility; the loop is always unrolled. @defaultValue false */
  readonly unroll?: boolean;
  /**
   * With a Keras mask, masked steps output zeros instead of repeating the previous output
   * (the states carry over either way). @defaultValue false
   */
  readonly zeroOutputForMask?: boolean;
  /** tf.keras 2's time-major layout; only `false` is accepted (Keras 3 dropped it). @defaultValue false */
  readonly timeMajor?: boolean;
  /** Seed of the dropout masks; `tf.setSeed` makes them repeatable too. @defaultValue from the global seed stream */
  readonly seed?: number | null;
}

/** Defaults of {@link RecurrentArgs}. */
export const RECURRENT_DEFAULTS = Object.freeze({
  activation: 'tanh',
  useBias: true,
  kernelInitializer: 'glorotUniform',
  recurrentInitializer: 'orthogonal',
  biasInitializer: 'zeros',
  dropout: 0,
  recurrentDropout: 0,
  returnSequences: false,
  returnState: false,
  goBackwards: false,
  stateful: false,
  unroll: false,
  zeroOutputForMask: false,
});
