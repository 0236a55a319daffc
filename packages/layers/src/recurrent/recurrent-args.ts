import type * as activations from '@dendrite/activations';
import type { WeightArgs } from '../convolutional/weight-config.js';
import type { LayerArgs } from '../layer.js';

/**
 * Config shared by {@link SimpleRNN}, {@link LSTM} and {@link GRU}; the weights `kernel`
 * (inputs → gates, initializer default 'glorotUniform'), `recurrent` (the `recurrent_kernel`,
 * state → gates, 'orthogonal') and `bias` ('zeros') each take an
 * initializer, a regularizer and a constraint ({@link WeightArgs}; none by default).
 */
export interface RecurrentArgs
  extends LayerArgs,
    WeightArgs<'kernel'>,
    WeightArgs<'recurrent'>,
    WeightArgs<'bias'> {
  /** Size of the output and of each state; a positive integer. */
  readonly units: number;
  /** Applied to the candidate state and (LSTM) to the cell output. @defaultValue 'tanh' */
  readonly activation?: activations.ActivationIdentifier;
  /** @defaultValue true */
  readonly useBias?: boolean;
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
