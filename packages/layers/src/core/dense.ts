import * as activations from '@dendrite/activations';
import * as constraints from '@dendrite/constraints';
import * as initializers from '@dendrite/initializers';
import * as regularizers from '@dendrite/regularizers';
import * as tf from '@dendrite/tensor';
import { isDataInput } from '../data-inputs.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { type Shape, singleShape } from '../shape.js';
import { denseForward } from './dense-op.js';

/** Config of {@link Dense}. */
export interface DenseArgs extends LayerArgs {
  /** Number of output units; a positive integer. */
  readonly units: number;
  /** Applied to the output. @defaultValue 'linear' */
  readonly activation?: activations.ActivationIdentifier;
  /** @defaultValue true */
  readonly useBias?: boolean;
  /** @defaultValue 'glorotUniform' */
  readonly kernelInitializer?: initializers.InitializerIdentifier;
  /** @defaultValue 'zeros' */
  readonly biasInitializer?: initializers.InitializerIdentifier;
  /** @defaultValue none */
  readonly kernelRegularizer?: regularizers.RegularizerIdentifier | null;
  /** @defaultValue none */
  readonly biasRegularizer?: regularizers.RegularizerIdentifier | null;
  /** @defaultValue none */
  readonly kernelConstraint?: constraints.ConstraintIdentifier | null;
  /** @defaultValue none */
  readonly biasConstraint?: constraints.ConstraintIdentifier | null;
}

/**
 * A fully connected layer: `activation(x · kernel + bias)` on the last axis.
 * @example const layer = dense({ units: 100, activation: 'relu' });
 */
export class Dense extends Layer {
  static override readonly className = 'Dense';

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }
  readonly units: number;
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  private readonly kernelInitializer: initializers.Initializer;
  private readonly biasInitializer: initializers.Initializer;
  private readonly kernelRegularizer: regularizers.Regularizer | undefined;
  private readonly biasRegularizer: regularizers.Regularizer | undefined;
  private readonly kernelConstraint: constraints.Constraint | undefined;
  private readonly biasConstraint: constraints.Constraint | undefined;
  kernel: LayerVariable | undefined;
  bias: LayerVariable | undefined;

  constructor(args: DenseArgs) {
    super(args);
    if (!Number.isInteger(args?.units) || args.units <= 0) {
      throw new tf.ConfigError(
        tf.configMessage('Dense', 'units', 'a positive integer', args?.units),
      );
    }
    this.units = args.units;
    this.activation = activations.get(args.activation ?? 'linear');
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = initializers.get(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = initializers.get(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = args.kernelRegularizer
      ? regularizers.get(args.kernelRegularizer)
      : undefined;
    this.biasRegularizer = args.biasRegularizer
      ? regularizers.get(args.biasRegularizer)
      : undefined;
    this.kernelConstraint = args.kernelConstraint
      ? constraints.get(args.kernelConstraint)
      : undefined;
    this.biasConstraint = args.biasConstraint ? constraints.get(args.biasConstraint) : undefined;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const inputDim = shape[shape.length - 1];
    if (typeof inputDim !== 'number') {
      throw new tf.ShapeError(
        `${this.name}: the last dimension of the input must be known; received shape [${shape.map((d) => d ?? 'null')}]`,
      );
    }
    this.kernel = this.addWeight('kernel', [inputDim, this.units], {
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer ?? null,
      constraint: this.kernelConstraint ?? null,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.units], {
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer ?? null,
        constraint: this.biasConstraint ?? null,
      });
    }
    this.built = true;
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const kernel = (this.kernel as LayerVariable).read();
    if (x.shape[x.rank - 1] !== kernel.shape[0]) {
      throw new tf.ShapeError(
        `${this.name}: expected inputs with last dimension ${kernel.shape[0]}; received shape [${x.shape}]`,
      );
    }
    // No one asks for the gradient of a data batch, so the `dz·Wᵀ` product is left out.
    return denseForward(x, kernel, this.bias?.read(), this.activation, {
      inputGradient: !isDataInput(x),
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activations.serialize(this.activation),
      useBias: this.useBias,
      kernelInitializer: initializers.serialize(this.kernelInitializer),
      biasInitializer: initializers.serialize(this.biasInitializer),
      kernelRegularizer: this.kernelRegularizer
        ? regularizers.serialize(this.kernelRegularizer)
        : null,
      biasRegularizer: this.biasRegularizer ? regularizers.serialize(this.biasRegularizer) : null,
      kernelConstraint: this.kernelConstraint ? constraints.serialize(this.kernelConstraint) : null,
      biasConstraint: this.biasConstraint ? constraints.serialize(this.biasConstraint) : null,
    };
  }
}

/** Creates a {@link Dense} layer. @example dense({ units: 10, activation: 'softmax' }) */
export function dense(args: DenseArgs): Dense {
  return new Dense(args);
}
