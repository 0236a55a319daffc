import * as tf from '@dendrite/tensor';
import { clipByGlobalNorm, clipEachByNorm, clipEachByValue } from './clip.js';
import {
  argsFromConfig,
  checkLearningRate,
  checkOptionalPositive,
  type GradientAndVariable,
  type HyperparameterChecks,
  type LearningRate,
  type NamedTensor,
  type OptimizerArgs,
  type VariableUpdate,
} from './optimizer-args.js';
import { parseOptimizerWeights } from './optimizer-weights.js';
import { checkNonNegative } from './validate.js';

export {
  argsFromConfig,
  type GradientAndVariable,
  type LearningRate,
  type NamedTensor,
  type OptimizerArgs,
} from './optimizer-args.js';

/**
 * The machinery shared by all optimizers (Keras 3 `BaseOptimizer`): the iteration counter,
 * slots created lazily per variable, gradient clipping, decoupled weight decay, learning-rate
 * schedules, checkpointable state and config. A subclass only writes its update rule.
 *
 * @example
 * const optimizer = adam({ learningRate: 0.01 });
 * optimizer.minimize(() => tf.sum(tf.square(w)), [w]);
 */
export abstract class Optimizer implements tf.Serializable {
  /** The Keras class name, e.g. `'Adam'`. */
  static readonly className: string = 'Optimizer';
  /** Decoupled weight decay factor, or `null`. */
  readonly weightDecay: number | null;
  /** Per-gradient norm clip, or `null`. */
  readonly clipNorm: number | null;
  /** Element clip, or `null`. */
  readonly clipValue: number | null;
  /** Global norm clip, or `null`. */
  readonly globalClipNorm: number | null;
  private rate: LearningRate;
  private readonly hyper: tf.ConfigDict;
  private iterationCount = 0;
  private readonly slots = new Map<string, Map<string, tf.Variable>>();
  private disposed = false;

  /**
   * @param hyper - One check per hyperparameter of the subclass (`betaOption(0.9)`, ...), run
   * after the shared arguments; the values become fields and {@link hyperConfig}, in this order.
   */
  protected constructor(
    args: OptimizerArgs,
    defaultLearningRate: number,
    hyper: HyperparameterChecks = {},
  ) {
    const owner = this.getClassName();
    this.rate = checkLearningRate(owner, args.learningRate ?? defaultLearningRate);
    this.weightDecay =
      args.weightDecay === undefined || args.weightDecay === null
        ? null
        : checkNonNegative(owner, 'weightDecay', args.weightDecay);
    this.clipNorm = checkOptionalPositive(owner, 'clipNorm', args.clipNorm);
    this.clipValue = checkOptionalPositive(owner, 'clipValue', args.clipValue);
    this.globalClipNorm = checkOptionalPositive(owner, 'globalClipNorm', args.globalClipNorm);
    const clips = [this.clipNorm, this.clipValue, this.globalClipNorm];
    if (clips.filter((c) => c !== null).length > 1) {
      throw new tf.ConfigError(
        `${owner}: only one of \`clipNorm\`, \`clipValue\` and \`globalClipNorm\` can be set; ` +
          `received clipNorm=${this.clipNorm}, clipValue=${this.clipValue}, globalClipNorm=${this.globalClipNorm}`,
      );
    }
    this.hyper = tf.resolveOptions<tf.ConfigDict>(owner, hyper, args);
    Object.assign(this, this.hyper);
  }

  /** The learning rate or schedule; may be replaced between steps. */
  get learningRate(): LearningRate {
    return this.rate;
  }

  set learningRate(value: LearningRate) {
    this.rate = checkLearningRate(this.getClassName(), value);
  }

  /** Number of updates applied so far. */
  get iterations(): number {
    return this.iterationCount;
  }

  /** The learning rate the next update will use (the schedule at {@link iterations}). */
  currentLearningRate(): number {
    return this.learningRateAt(this.iterationCount);
  }

  /** The learning rate of the step after `iteration` steps (the schedule there). */
  private learningRateAt(iteration: number): number {
    return typeof this.rate === 'number' ? this.rate : this.rate.call(iteration);
  }

  /** Names of the slots this optimizer keeps per variable, in `getWeights` order. */
  protected abstract slotNames(): readonly string[];

  /** Value a new slot starts with. */
  protected slotInitialValue(_slot: string): number {
    return 0;
  }

  /** Hook run once per step before the per-variable updates (inside `tidy`). */
  protected beforeUpdate(_iteration: number): void {}

  /** Updates one variable and its slots with `assign`; runs inside `tidy`. */
  protected abstract updateStep(update: VariableUpdate): void;

  /** The optimizer's own hyperparameters for `getConfig`: the resolved `hyper` checks. */
  protected hyperConfig(): tf.ConfigDict {
    return { ...this.hyper };
  }

  /**
   * Moves `slot` toward `value` by `1 - decay` in Keras 3's form `s += (value - s)(1 - decay)`,
   * stores the result in the slot and returns it.
   */
  protected updateMovingAverage(slot: tf.Variable, value: tf.Tensor, decay: number): tf.Tensor {
    const next = tf.add(slot, tf.mul(tf.sub(value, slot), 1 - decay));
    slot.assign(next);
    return next;
  }

  /** The slot `name` of `variable`, created on first use. */
  protected slot(variable: tf.Variable, name: string): tf.Variable {
    let perVariable = this.slots.get(variable.name);
    if (!perVariable) {
      perVariable = new Map();
      this.slots.set(variable.name, perVariable);
    }
    let slot = perVariable.get(name);
    if (!slot) {
      const initial = tf.fill(variable.shape, this.slotInitialValue(name), variable.dtype);
      slot = tf.variable(initial, false);
      perVariable.set(name, slot);
    } else if (!tf.util.arraysEqual(slot.shape, variable.shape)) {
      throw new tf.ShapeError(
        `${this.getClassName()}: slot "${variable.name}/${name}" has shape [${slot.shape}] but the variable has shape [${variable.shape}]`,
      );
    }
    return slot;
  }

  /**
   * Applies one update: clips the gradients, applies weight decay, runs the update rule for
   * every variable and increments {@link iterations}. Synchronous; leaves no temporaries.
   */
  applyGradients(gradsAndVars: ReadonlyArray<GradientAndVariable>): void {
    this.assertLive();
    if (gradsAndVars.length === 0) return;
    for (const [gradient, variable] of gradsAndVars) {
      if (!tf.util.arraysEqual(gradient.shape, variable.shape)) {
        throw new tf.ShapeError(
          `${this.getClassName()}: gradient of shape [${gradient.shape}] does not match variable "${variable.name}" of shape [${variable.shape}]`,
        );
      }
    }
    this.step((learningRate, iteration) =>
      tf.tidy(() => {
        const variables = gradsAndVars.map(([, variable]) => variable);
        const grads = this.clipGradients(gradsAndVars.map(([gradient]) => gradient));
        if (this.weightDecay !== null) {
          const factor = this.weightDecay * learningRate;
          for (const variable of variables)
            variable.assign(tf.sub(variable, tf.mul(variable, factor)));
        }
        this.beforeUpdate(iteration);
        variables.forEach((variable, i) => {
          this.updateStep({ gradient: grads[i] as tf.Tensor, variable, learningRate, iteration });
        });
      }),
    );
  }

  /**
   * Runs `update` as one step, with the step's learning rate (the schedule evaluated) and the
   * iteration count before it, and counts the step once `update` returns (not when it throws).
   */
  protected step<T>(update: (learningRate: number, iteration: number) => T): T {
    return this.steps(1, (learningRates, iteration) =>
      update(learningRates[0] as number, iteration),
    );
  }

  /**
   * Runs `update` as `count` steps in a row, with each step's learning rate (the schedule at
   * each iteration) and the iteration count before the first, and counts the `count` steps once
   * `update` returns (none when it throws).
   */
  protected steps<T>(
    count: number,
    update: (learningRates: readonly number[], iteration: number) => T,
  ): T {
    this.assertLive();
    const iteration = this.iterationCount;
    const learningRates = Array.from({ length: count }, (_, k) =>
      this.learningRateAt(iteration + k),
    );
    const result = update(learningRates, iteration);
    this.iterationCount = iteration + count;
    return result;
  }

  private clipGradients(grads: tf.Tensor[]): tf.Tensor[] {
    if (this.clipNorm !== null) return clipEachByNorm(grads, this.clipNorm);
    if (this.globalClipNorm !== null) return clipByGlobalNorm(grads, this.globalClipNorm);
    if (this.clipValue !== null) return clipEachByValue(grads, this.clipValue);
    return grads;
  }

  /**
   * Computes the gradients of `loss` with respect to `variables` (default: all trainable
   * variables) and applies them. Returns the loss when `returnCost` is set (the caller owns it).
   */
  minimize(loss: () => tf.Scalar, variables?: tf.Variable[], returnCost = false): tf.Scalar | null {
    this.assertLive();
    const { value, grads } = tf.variableGrads(loss, variables);
    const byName = new Map((variables ?? []).map((v) => [v.name, v]));
    const registered = tf.engine().registeredVariables;
    try {
      this.applyGradients(
        Object.entries(grads).map(
          ([name, gradient]) =>
            [gradient, byName.get(name) ?? (registered[name] as tf.Variable)] as const,
        ),
      );
    } finally {
      tf.dispose(grads);
    }
    if (returnCost) return value;
    value.dispose();
    return null;
  }

  /**
   * The optimizer state for checkpoints: `iteration` first, then each slot named
   * `${variable.name}/${slot}`. The tensors are copies the caller owns.
   */
  getWeights(): NamedTensor[] {
    this.assertLive();
    const weights: NamedTensor[] = [
      { name: 'iteration', tensor: tf.scalar(this.iterationCount, 'int32') },
    ];
    for (const [variableName, perVariable] of this.slots) {
      for (const slotName of this.slotNames()) {
        const slot = perVariable.get(slotName);
        if (slot) weights.push({ name: `${variableName}/${slotName}`, tensor: tf.clone(slot) });
      }
    }
    return weights;
  }

  /**
   * Restores state written by {@link getWeights} (values are copied in). Slots of variables
   * not seen yet are created, so state can be restored before the first step.
   */
  setWeights(weights: readonly NamedTensor[]): void {
    this.assertLive();
    const parsed = parseOptimizerWeights(
      this.getClassName(),
      this.slotNames(),
      weights,
      (variableName, slotName) => this.slots.get(variableName)?.get(slotName)?.shape,
    );
    for (const { tensor, variableName, slotName } of parsed) {
      if (variableName === null || slotName === null) {
        this.iterationCount = Math.round(tensor.dataSync()[0] as number);
        continue;
      }
      let perVariable = this.slots.get(variableName);
      if (!perVariable) {
        perVariable = new Map();
        this.slots.set(variableName, perVariable);
      }
      const existing = perVariable.get(slotName);
      if (existing) existing.assign(tensor);
      else perVariable.set(slotName, tf.variable(tensor, false));
    }
  }

  /**
   * Rebuilds an optimizer of the class it is called on from its {@link Optimizer.getConfig}; a
   * schedule stored as `{className, config}` is resolved through the schedule registry.
   * @example Adam.fromConfig(new Adam({ beta1: 0.8 }).getConfig())
   */
  static fromConfig<T extends Optimizer>(
    this: new (
      args: OptimizerArgs,
    ) => T,
    config: tf.ConfigDict,
  ): T {
    return new this(argsFromConfig(config));
  }

  /** The Keras class name. */
  getClassName(): string {
    return (this.constructor as typeof Optimizer).className;
  }

  /** camelCase Keras config; a schedule is stored as `{className, config}`. */
  getConfig(): tf.ConfigDict {
    const rate = this.rate;
    return {
      learningRate:
        typeof rate === 'number'
          ? rate
          : { className: rate.getClassName(), config: rate.getConfig() },
      weightDecay: this.weightDecay,
      clipNorm: this.clipNorm,
      globalClipNorm: this.globalClipNorm,
      clipValue: this.clipValue,
      ...this.hyperConfig(),
    };
  }

  /** Frees every slot; calling it again does nothing. The optimizer cannot be used after. */
  dispose(): void {
    if (this.disposed) return;
    for (const perVariable of this.slots.values()) {
      for (const slot of perVariable.values()) slot.dispose();
    }
    this.slots.clear();
    this.disposed = true;
  }

  private assertLive(): void {
    if (this.disposed) {
      throw new tf.DisposedError(`${this.getClassName()}: the optimizer was disposed`);
    }
  }
}
