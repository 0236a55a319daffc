import type { Constraint } from '@dendrite/constraints';
import type { Regularizer } from '@dendrite/regularizers';
import * as tf from '@dendrite/tensor';

const usedVariableNames = new Map<string, number>();

/**
 * tfjs-core keeps one global table of variable names, shared with any other library in the
 * process (tfjs-layers among them); pick a name free in it.
 */
function uniqueVariableName(name: string): string {
  const registered = tf.engine().registeredVariables;
  let count = usedVariableNames.get(name) ?? 0;
  let candidate = count === 0 ? name : `${name}_${count}`;
  while (registered[candidate] !== undefined) {
    count++;
    candidate = `${name}_${count}`;
  }
  usedVariableNames.set(name, count + 1);
  return candidate;
}

/**
 * A layer weight: a tfjs `Variable` plus what the layer knows of it — its name inside the
 * model (`dense/kernel`), whether it trains, its regularizer and its constraint.
 */
export class LayerVariable {
  /** The weight's name in saved models and `getWeights` order: `${layerName}/${weightName}`. */
  readonly originalName: string;
  /** The underlying variable (its tfjs name is made unique in the process). */
  readonly variable: tf.Variable;
  /** Whether the weight trains when its layer does (BatchNormalization's moving statistics never do). */
  readonly baseTrainable: boolean;
  private trainableFlag: boolean;
  private disposed = false;

  constructor(
    originalName: string,
    initialValue: tf.Tensor,
    trainable: boolean,
    readonly regularizer: Regularizer | undefined,
    readonly constraint: Constraint | undefined,
  ) {
    this.originalName = originalName;
    this.baseTrainable = trainable;
    this.trainableFlag = trainable;
    this.variable = tf.variable(initialValue, trainable, uniqueVariableName(originalName));
  }

  get shape(): number[] {
    return this.variable.shape;
  }

  get dtype(): tf.DataType {
    return this.variable.dtype;
  }

  /** Whether optimizers update it. */
  get trainable(): boolean {
    return this.trainableFlag;
  }

  set trainable(value: boolean) {
    this.trainableFlag = value;
    this.variable.trainable = value;
  }

  /** The current value (the variable itself: do not dispose it). */
  read(): tf.Variable {
    this.assertAlive();
    return this.variable;
  }

  /** Copies `value` in; shapes must match. */
  write(value: tf.Tensor): void {
    this.assertAlive();
    if (value.shape.join(',') !== this.variable.shape.join(',')) {
      throw new tf.ShapeError(
        `${this.originalName}: cannot assign a value of shape [${value.shape}] to a weight of shape [${this.variable.shape}]`,
      );
    }
    this.variable.assign(value.dtype === this.dtype ? value : tf.cast(value, this.dtype));
  }

  /** Projects the weight onto its constraint, if it has one (called after optimizer steps). */
  applyConstraint(): void {
    const constraint = this.constraint;
    if (!constraint || this.disposed) return;
    tf.tidy(() => this.variable.assign(constraint.apply(this.variable)));
  }

  /** Frees the variable; idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.variable.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private assertAlive(): void {
    if (this.disposed)
      throw new tf.DisposedError(`${this.originalName}: weight used after dispose()`);
  }
}
