import type * as optimizers from '@dendrite/optimizers';
import type { CompiledState, ModelCompileArgs } from './compile.js';

/**
 * What `compile` set, as a saver reads it (Keras' `get_compile_config`): the `loss` argument as
 * given, each output's loss and metric log names, and the optimizer. Read-only: it shares the
 * model's optimizer, which stays the model's.
 */
export interface CompileConfig {
  /** The `loss` given to `compile`, as given (a name, a config, an instance, a list or a map). */
  readonly loss: ModelCompileArgs['loss'];
  /** Each output's loss log name, e.g. `'sparse_categorical_crossentropy'`. */
  readonly outputLosses: readonly string[];
  /** Each output's metric log names, e.g. `[['accuracy']]`. */
  readonly outputMetrics: readonly (readonly string[])[];
  /** The optimizer the model trains with. */
  readonly optimizer: optimizers.Optimizer;
}

/** The {@link CompileConfig} of a compiled state. */
export function compileConfigOf(state: CompiledState): CompileConfig {
  return {
    loss: state.args.loss,
    outputLosses: state.outputs.map((output) => output.loss.name),
    outputMetrics: state.outputs.map((output) => output.metrics.map((metric) => metric.name)),
    optimizer: state.optimizer,
  };
}
