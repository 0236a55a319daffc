import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { checkSeed, NoiseSource } from './random-draws.js';

/** Config shared by the noise and dropout layers of this folder. */
export interface NoiseLayerArgs extends LayerArgs {
  /** Seed of the noise; `tf.setSeed` makes it repeatable too. @defaultValue from the global seed stream */
  readonly seed?: number;
}

/**
 * A layer that perturbs its inputs in training and returns them unchanged otherwise (Keras'
 * noise and dropout layers); a Keras mask passes through. Subclasses give the perturbation.
 */
export abstract class NoiseLayer extends Layer {
  readonly seed: number | undefined;
  /** The random stream of the perturbations: from `seed`, else from the global seed stream. */
  protected readonly noise: NoiseSource;

  constructor(args: NoiseLayerArgs) {
    super(args);
    this.seed = checkSeed(this.getClassName(), args?.seed);
    this.noise = new NoiseSource(this.seed);
  }

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }

  /** Whether training perturbs anything (false at a rate or standard deviation of 0). */
  protected abstract isActive(): boolean;

  /** `x` with this layer's training noise. */
  protected abstract perturb(x: tf.Tensor): tf.Tensor;

  /** Throws where `x` cannot be perturbed; checked in and out of training. */
  protected checkInputs(_x: tf.Tensor): void {}

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    this.checkInputs(x);
    return args.training && this.isActive() ? this.perturb(x) : tf.clone(x);
  }
}
