import type * as initializers from '@dendrite/initializers';
import * as tf from '@dendrite/tensor';
import type { StepContext } from './base-rnn.js';
import { GATED_RNN_DEFAULTS, GatedRNN, type GatedRNNArgs } from './gated-rnn.js';

/** Config of {@link LSTM}. */
export interface LSTMArgs extends GatedRNNArgs {
  /** Add 1 to the forget-gate bias at initialization (Jozefowicz et al., 2015). @defaultValue true */
  readonly unitForgetBias?: boolean;
}

/** Defaults of {@link LSTMArgs} beyond the shared recurrent ones. */
export const LSTM_DEFAULTS = Object.freeze({
  ...GATED_RNN_DEFAULTS,
  unitForgetBias: true,
});

/** `biasInitializer` for the input and candidate/output blocks, ones for the forget block. */
class UnitForgetBias implements initializers.Initializer {
  constructor(
    private readonly base: initializers.Initializer,
    private readonly units: number,
  ) {}

  apply(_shape: readonly number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    const u = this.units;
    return tf.tidy(() =>
      tf.concat([
        this.base.apply([u], dtype),
        tf.ones([u], dtype),
        this.base.apply([2 * u], dtype),
      ]),
    );
  }

  getClassName(): string {
    return this.base.getClassName();
  }

  getConfig(): tf.ConfigDict {
    return this.base.getConfig();
  }
}

/**
 * Long short-term memory (Hochreiter & Schmidhuber, 1997). With `z = x_t·W + h·U + b` split into
 * gates i, f, c, o: `c_t = σ(f)·c + σ(i)·tanh(c̃)`, `h_t = σ(o)·tanh(c_t)`. States are `[h, c]`.
 * @example const layer = lstm({ units: 32, returnSequences: true });
 */
export class LSTM extends GatedRNN {
  static override readonly className = 'LSTM';
  protected readonly gateCount = 4;
  readonly unitForgetBias: boolean;

  constructor(args: LSTMArgs) {
    super(args);
    this.unitForgetBias = args.unitForgetBias ?? LSTM_DEFAULTS.unitForgetBias;
  }

  override get stateSize(): number[] {
    return [this.units, this.units];
  }

  protected override biasInitializer(): initializers.Initializer {
    const base = this.biasSettings.initializer;
    return this.unitForgetBias ? new UnitForgetBias(base, this.units) : base;
  }

  protected step(input: tf.Tensor2D, states: tf.Tensor2D[], context: StepContext): tf.Tensor2D[] {
    let h = states[0] as tf.Tensor2D;
    const c = states[1] as tf.Tensor2D;
    if (context.recurrentMask) h = tf.mul(h, context.recurrentMask);
    const z = tf.add(input, tf.matMul(h, context.recurrentKernel));
    const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
    const i = this.recurrentActivation.apply(zi as tf.Tensor);
    const f = this.recurrentActivation.apply(zf as tf.Tensor);
    const o = this.recurrentActivation.apply(zo as tf.Tensor);
    const cNext = tf.add(
      tf.mul(f, c),
      tf.mul(i, this.activation.apply(zc as tf.Tensor)),
    ) as tf.Tensor2D;
    const hNext = tf.mul(o, this.activation.apply(cNext)) as tf.Tensor2D;
    return [hNext, cNext];
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      unitForgetBias: this.unitForgetBias,
    };
  }
}

/** Creates an {@link LSTM} layer. @example lstm({ units: 64 }) */
export function lstm(args: LSTMArgs): LSTM {
  return new LSTM(args);
}
