import * as activations from '@dendrite/activations';
import type * as initializers from '@dendrite/initializers';
import * as tf from '@dendrite/tensor';
import { WeightSettings } from '../convolutional/weight-config.js';
import { Layer, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { checkPositiveInteger } from '../positive-integer.js';
import { formatShape, isShapeList, type Shape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { RECURRENT_DEFAULTS, type RecurrentArgs } from './recurrent-args.js';

/** Per-sequence tensors a step may use, besides its input projection and states. */
export interface StepContext {
  /** `recurrent_kernel`, read once per call. */
  readonly recurrentKernel: tf.Tensor2D;
  /** Recurrent-dropout mask `[batch, units]` (already scaled), in training only. */
  readonly recurrentMask: tf.Tensor | undefined;
}

/**
 * The time loop shared by SimpleRNN, LSTM and GRU (Keras' `RNN` with one cell). The input
 * projection `x · kernel (+ bias)` of every step is one matmul; each step then adds the
 * recurrent part. Subclasses give the gate count, the state sizes and {@link step}.
 */
export abstract class BaseRNN extends Layer {
  readonly units: number;
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly unroll: boolean;
  readonly zeroOutputForMask: boolean;
  readonly seed: number | undefined;
  protected readonly kernelSettings: WeightSettings;
  protected readonly recurrentSettings: WeightSettings;
  protected readonly biasSettings: WeightSettings;
  kernel: LayerVariable | undefined;
  recurrentKernel: LayerVariable | undefined;
  bias: LayerVariable | undefined;
  private seedStream: tf.RandomGenerator | undefined;

  /** Number of `units`-wide blocks in the kernels: 1 (SimpleRNN), 4 (LSTM), 3 (GRU). */
  protected abstract readonly gateCount: number;

  constructor(args: RecurrentArgs) {
    super(args);
    const owner = (this.constructor as typeof Layer).className;
    this.units = checkPositiveInteger(owner, 'units', args?.units);
    const d = RECURRENT_DEFAULTS;
    this.activation = activations.get(args.activation ?? d.activation);
    this.useBias = args.useBias ?? d.useBias;
    this.dropout = tf.checkNumber(owner, 'dropout', args.dropout ?? d.dropout, {
      min: 0,
      max: 1,
      maxExclusive: true,
    });
    this.recurrentDropout = tf.checkNumber(
      owner,
      'recurrentDropout',
      args.recurrentDropout ?? d.recurrentDropout,
      {
        min: 0,
        max: 1,
        maxExclusive: true,
      },
    );
    this.returnSequences = args.returnSequences ?? d.returnSequences;
    this.returnState = args.returnState ?? d.returnState;
    this.goBackwards = args.goBackwards ?? d.goBackwards;
    if ((args.stateful ?? d.stateful) !== false) {
      throw new tf.ConfigError(
        tf.configMessage(
          owner,
          'stateful',
          'false (stateful RNNs are not supported)',
          args.stateful,
        ),
      );
    }
    this.unroll = args.unroll ?? d.unroll;
    this.zeroOutputForMask = args.zeroOutputForMask ?? d.zeroOutputForMask;
    if ((args.timeMajor ?? false) !== false) {
      throw new tf.ConfigError(
        tf.configMessage(
          owner,
          'timeMajor',
          'false (time-major inputs are not supported)',
          args.timeMajor,
        ),
      );
    }
    this.seed = args.seed ?? undefined;
    this.kernelSettings = new WeightSettings(args, 'kernel', d.kernelInitializer);
    this.recurrentSettings = new WeightSettings(args, 'recurrent', d.recurrentInitializer);
    this.biasSettings = new WeightSettings(args, 'bias', d.biasInitializer);
  }

  /** Size of each state, `[units]` or (LSTM) `[units, units]`; the first state is the output. */
  get stateSize(): number[] {
    return [this.units];
  }

  /** Shape of `bias`; GRU with `resetAfter` has two rows. */
  protected biasShape(): number[] {
    return [this.gateCount * this.units];
  }

  /** Initializer of `bias`; LSTM overrides it for `unitForgetBias`. */
  protected biasInitializer(): initializers.Initializer {
    return this.biasSettings.initializer;
  }

  /** The bias added to the input projection (all of it, unless a subclass splits it). */
  protected inputBias(): tf.Tensor | undefined {
    return this.bias?.read();
  }

  /**
   * One time step: `input` is `x_t · kernel + input bias` (`[batch, gateCount·units]`),
   * `states` the previous states; returns the new states, the output first.
   */
  protected abstract step(
    input: tf.Tensor2D,
    states: tf.Tensor2D[],
    context: StepContext,
  ): tf.Tensor2D[];

  override build(inputShape: Shape | Shape[]): void {
    const shape = isShapeList(inputShape) ? (inputShape[0] as Shape) : (inputShape as Shape);
    const inputDim = shape[2];
    if (shape.length !== 3 || typeof inputDim !== 'number') {
      throw new tf.ShapeError(
        `${this.name}: expected inputs of shape (batch, time, features) with known features; received shape ${formatShape(shape)}`,
      );
    }
    const width = this.gateCount * this.units;
    this.kernel = this.addWeight(
      'kernel',
      [inputDim, width],
      this.kernelSettings.addWeightOptions(),
    );
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [this.units, width],
      this.recurrentSettings.addWeightOptions(),
    );
    if (this.useBias) {
      this.bias = this.addWeight('bias', this.biasShape(), {
        ...this.biasSettings.addWeightOptions(),
        initializer: this.biasInitializer(),
      });
    }
    this.built = true;
  }

  call(inputs: LayerIO, args: CallArgs): LayerIO {
    const [x, ...extra] = Array.isArray(inputs) ? inputs : [inputs];
    const kernel = (this.kernel as LayerVariable).read() as tf.Tensor2D;
    if (x === undefined || x.rank !== 3 || x.shape[2] !== kernel.shape[0]) {
      throw new tf.ShapeError(
        `${this.name}: expected inputs of shape (batch, time, ${kernel.shape[0]}); received shape ${x ? formatShape(x.shape) : 'none'}`,
      );
    }
    const [batch, steps, features] = x.shape as [number, number, number];
    if (steps === 0)
      throw new tf.ShapeError(
        `${this.name}: inputs need at least one time step; received shape ${formatShape(x.shape)}`,
      );
    let states = this.initialStates(batch, extra, args.initialState);
    const training = args.training === true;
    const xIn =
      training && this.dropout > 0
        ? tf.mul(x, this.dropoutMask([batch, 1, features], this.dropout))
        : x;
    const context: StepContext = {
      recurrentKernel: (this.recurrentKernel as LayerVariable).read() as tf.Tensor2D,
      recurrentMask:
        training && this.recurrentDropout > 0
          ? this.dropoutMask([batch, this.units], this.recurrentDropout)
          : undefined,
    };
    // Every step's input projection in one matmul: [batch·time, features] · [features, gates·units].
    let projected: tf.Tensor = tf.matMul(
      tf.reshape(xIn, [batch * steps, features]) as tf.Tensor2D,
      kernel,
    );
    const bias = this.inputBias();
    if (bias) projected = tf.add(projected, bias);
    const perStep = tf.unstack(
      tf.reshape(projected, [batch, steps, kernel.shape[1]]),
      1,
    ) as tf.Tensor2D[];
    // Keras masking: at a masked step the states keep their previous values, and so the output
    // repeats the previous one (its first state) — or is zeros with zeroOutputForMask.
    const stepMasks = this.stepMasks(args.mask, batch, steps);
    if (this.goBackwards) {
      perStep.reverse();
      stepMasks?.reverse();
    }
    const outputs: tf.Tensor2D[] = [];
    perStep.forEach((input, t) => {
      const next = this.step(input, states, context);
      const keep = stepMasks?.[t];
      states = keep
        ? next.map(
            (state, i) =>
              tf.where(
                tf.broadcastTo(keep, state.shape),
                state,
                states[i] as tf.Tensor2D,
              ) as tf.Tensor2D,
          )
        : next;
      const output = states[0] as tf.Tensor2D;
      outputs.push(
        keep && this.zeroOutputForMask
          ? (tf.where(
              tf.broadcastTo(keep, output.shape),
              output,
              tf.zerosLike(output),
            ) as tf.Tensor2D)
          : output,
      );
    });
    const output = this.returnSequences
      ? tf.stack(outputs, 1)
      : (outputs[outputs.length - 1] as tf.Tensor);
    return this.returnState ? [output, ...states] : output;
  }

  /** The mask of each step as `[batch, 1]` booleans, or `undefined` without a mask. */
  private stepMasks(mask: unknown, batch: number, steps: number): tf.Tensor[] | undefined {
    if (mask === undefined || mask === null) return undefined;
    const given = Array.isArray(mask) ? mask[0] : mask;
    if (given === undefined || given === null) return undefined;
    if (!(given instanceof tf.Tensor) || given.shape.join(',') !== `${batch},${steps}`) {
      throw new tf.ShapeError(
        `${this.name}: mask must be a tensor of shape [${batch}, ${steps}] (batch, time); received ${given instanceof tf.Tensor ? formatShape(given.shape) : tf.describeValue(given)}`,
      );
    }
    const bool = given.dtype === 'bool' ? given : tf.notEqual(given, 0);
    return tf.unstack(tf.reshape(bool, [batch, steps, 1]), 1);
  }

  /** Keras: the input mask when the layer returns sequences, else none. */
  override computeMask(_inputs: LayerIO, mask: tf.Tensor | null = null): tf.Tensor | null {
    return this.returnSequences ? mask : null;
  }

  private initialStates(batch: number, extra: tf.Tensor[], given: unknown): tf.Tensor2D[] {
    let states = extra;
    if (given !== undefined && given !== null) {
      states = given instanceof tf.Tensor ? [given] : (given as tf.Tensor[]);
    }
    if (states.length === 0) return this.stateSize.map((size) => tf.zeros([batch, size]));
    const expected = this.stateSize.map((size) => [batch, size]);
    const ok =
      Array.isArray(states) &&
      states.length === expected.length &&
      states.every(
        (s, i) =>
          s instanceof tf.Tensor && s.shape.join(',') === (expected[i] as number[]).join(','),
      );
    if (!ok) {
      const received = Array.isArray(states)
        ? states
            .map((s) => (s instanceof tf.Tensor ? formatShape(s.shape) : tf.describeValue(s)))
            .join(', ')
        : tf.describeValue(states);
      throw new tf.ShapeError(
        `${this.name}: initial state must be ${expected.length} tensor(s) of shape ${expected.map((s) => formatShape(s)).join(', ')}; received ${received}`,
      );
    }
    return states as tf.Tensor2D[];
  }

  /** An inverted-dropout mask of ones scaled by 1 / (1 - rate), drawn once per sequence (Keras). */
  private dropoutMask(shape: number[], rate: number): tf.Tensor {
    if (this.seed !== undefined) this.seedStream ??= tf.createRandom(this.seed);
    const seed = this.seedStream ? this.seedStream.nextUint32() >>> 1 : tf.nextSeed();
    return tf.dropout(tf.ones(shape), rate, undefined, seed);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = isShapeList(inputShape) ? (inputShape[0] as Shape) : (inputShape as Shape);
    const batch = shape[0] ?? null;
    const output: Shape = this.returnSequences
      ? [batch, shape[1] ?? null, this.units]
      : [batch, this.units];
    return this.returnState ? [output, ...this.stateSize.map((size) => [batch, size])] : output;
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activations.serialize(this.activation),
      useBias: this.useBias,
      ...this.kernelSettings.config(),
      ...this.recurrentSettings.config(),
      ...this.biasSettings.config(),
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: false,
      unroll: this.unroll,
      zeroOutputForMask: this.zeroOutputForMask,
      seed: this.seed ?? null,
    };
  }
}
