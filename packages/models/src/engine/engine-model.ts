import type { TrainingModel } from '@dendrite/callbacks';
import type { Shape } from '@dendrite/layers';
import type * as tf from '@dendrite/tensor';
import type { Topology } from '../topology.js';
import type { CompiledState } from './compile.js';

/**
 * What the training engine needs of a model, and all it sees of one: the graph (forward pass,
 * layers, trainable weights), the compiled losses, metrics and optimizer, and the surface
 * callbacks touch. `LayersModel` implements it; the engine never imports the model class.
 * @example
 * const engine: EngineModel = sequential({ layers: [dense({ units: 1, inputShape: [2] })] });
 */
export interface EngineModel extends TrainingModel {
  /** Used as the owner in messages (`"clf.fit: ..."`). */
  readonly name: string;
  /** The graph run by `forward`; its layers hold the trainable weights. */
  getTopology(): Topology;
  /** Set by the loop to the running fit's shuffle generator, read by backups. */
  trainingRandom: tf.RandomGenerator | undefined;
  /** Builds a model that is still waiting for its input shape (a lazy Sequential). */
  buildFor(shapes: Shape[]): void;
  /** The compiled losses, metrics and optimizer; throws a clear error when not compiled. */
  requireCompiled(method: string): CompiledState;
}
