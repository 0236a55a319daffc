import * as activations from '@dendrite/activations';
import * as tf from '@dendrite/tensor';
import { type WeightArgs, WeightSettings } from '../convolutional/weight-config.js';
import { isDataInput } from '../data-inputs.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { checkPositiveInteger } from '../positive-integer.js';
import { type Shape, singleShape } from '../shape.js';
import { denseForward } from './dense-op.js';

/**
 * Config of {@link Dense}; its weights `kernel` (initializer default 'glorotUniform') and
 * `bias` ('zeros') each take an initializer, a regularizer and a constraint.
 */
export interface DenseArgs extends LayerArgs, WeightArgs<'kernel'>, WeightArgs<'bias'> {
  /** Number of output units; a positive integer. */
  readonly units: number;
  /** Applied to the output. @defaultValue 'linear' */
  readonly activation?: activations.ActivationIdentifier;
  /** @defaultValue true */
  readonly useBias?: boolean;
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
  private readonly kernelSettings: WeightSettings;
  private readonly biasSettings: WeightSettings;
  kernel: LayerVariable | undefined;
  bias: LayerVariable | undefined;

  constructor(args: DenseArgs) {
    super(args);
    this.units = checkPositiveInteger('Dense', 'units', args?.units);
    this.activation = activations.get(args.activation ?? 'linear');
    this.useBias = args.useBias ?? true;
    this.kernelSettings = new WeightSettings(args, 'kernel', 'glorotUniform');
    this.biasSettings = new WeightSettings(args, 'bias', 'zeros');
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const inputDim = shape[shape.length - 1];
    if (typeof inputDim !== 'number') {
      throw new tf.ShapeError(
        `${this.name}: the last dimension of the input must be known; received shape [${shape.map((d) => d ?? 'null')}]`,
      );
    }
    this.kernel = this.addWeight(
      'kernel',
      [inputDim, this.units],
      this.kernelSettings.addWeightOptions(),
    );
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.units], this.biasSettings.addWeightOptions());
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
      ...this.kernelSettings.config(),
      ...this.biasSettings.config(),
    };
  }
}

/** Creates a {@link Dense} layer. @example dense({ units: 10, activation: 'softmax' }) */
export function dense(args: DenseArgs): Dense {
  return new Dense(args);
}
