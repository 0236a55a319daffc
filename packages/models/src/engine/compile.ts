import { Dense, type SymbolicTensor } from '@dendrite/layers';
import * as losses from '@dendrite/losses';
import * as metrics from '@dendrite/metrics';
import * as optimizers from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';

/** A loss by name (`'mse'`, `'sparse_categorical_crossentropy'`), config or instance. */
export type LossArg = string | tf.SerializedObject | losses.Loss;
/** A metric by name (`'accuracy'`), instance or function. */
export type MetricArg = Parameters<typeof metrics.get>[0];

/** Config of `model.compile`. */
export interface ModelCompileArgs {
  /**
   * The optimizer: a name (`'adam'`, `'sgd'`), a `{className, config}` object or an instance.
   * The model owns (and disposes) one it builds from a name or config, not an instance.
   * @defaultValue 'rmsprop' (as Keras)
   */
  readonly optimizer?: string | tf.SerializedObject | optimizers.Optimizer;
  /**
   * The loss; one for every output, a list with one per output, or a map from output name to
   * loss.
   */
  readonly loss: LossArg | readonly LossArg[] | Readonly<Record<string, LossArg>>;
  /**
   * Metrics logged besides the loss; a list applied to every output, or a map from output name
   * to a list. @defaultValue none
   */
  readonly metrics?:
    | readonly MetricArg[]
    | Readonly<Record<string, MetricArg | readonly MetricArg[]>>;
  /** Weights of the per-output losses in the total loss. @defaultValue 1 for every output */
  readonly lossWeights?: readonly number[] | Readonly<Record<string, number>>;
}

/** What the engine knows of one model output once compiled. */
export interface CompiledOutput {
  /** The output's name: the name of the layer producing it. */
  readonly name: string;
  readonly loss: losses.Loss;
  readonly lossWeight: number;
  readonly metrics: metrics.Metric[];
  /** Set when the loss is computed from the last Dense layer's logits (softmax fused in). */
  readonly fused: { readonly layer: Dense; readonly sparse: boolean } | undefined;
  /** Number of classes when the loss takes class indices (sparse crossentropy). */
  readonly sparseClasses: number | undefined;
  /** The per-output loss tracker (only for models with several outputs). */
  readonly lossTracker: metrics.Mean | undefined;
}

/** The state `compile` leaves on a model. */
export interface CompiledState {
  readonly optimizer: optimizers.Optimizer;
  readonly outputs: readonly CompiledOutput[];
  /** Tracks the total loss (the `loss` log). */
  readonly lossTracker: metrics.Mean;
  /** The compile arguments, for `trainingConfig` when saving. */
  readonly args: ModelCompileArgs;
}

const SPARSE = 'sparse_categorical_crossentropy';
/** Keras' `compile()` default. */
const DEFAULT_OPTIMIZER = 'rmsprop';
const CATEGORICAL = 'categorical_crossentropy';

function perOutput<T>(
  owner: string,
  argument: string,
  value: T | readonly T[] | Readonly<Record<string, T>>,
  names: readonly string[],
  isSingle: (v: unknown) => v is T,
): T[] {
  if (isSingle(value)) return names.map(() => value);
  if (Array.isArray(value)) {
    if (value.length !== names.length) {
      throw new tf.ConfigError(
        `${owner}: \`${argument}\` must have one entry per output (${names.length}: ${names.join(', ')}); received ${value.length}`,
      );
    }
    return [...value];
  }
  const map = value as Readonly<Record<string, T>>;
  for (const key of Object.keys(map)) {
    if (!names.includes(key)) {
      throw new tf.ConfigError(
        `${owner}: \`${argument}\` names an unknown output ${tf.describeValue(key)}; expected one of ${names.join(', ')}`,
      );
    }
  }
  return names.map((name) => {
    const entry = map[name];
    if (entry === undefined) {
      throw new tf.ConfigError(`${owner}: \`${argument}\` has no entry for output "${name}"`);
    }
    return entry;
  });
}

function isLossArg(value: unknown): value is LossArg {
  return typeof value === 'string' || value instanceof losses.Loss || tf.isSerializedObject(value);
}

/** Whether the loss can be fused with a softmax Dense output (Keras' TF backend does the same). */
function fusion(loss: losses.Loss, output: SymbolicTensor): CompiledOutput['fused'] {
  const layer = output.sourceLayer;
  if (!(layer instanceof Dense) || layer.activation.name !== 'softmax') return undefined;
  if (loss.fromLogits) return undefined;
  const config = loss.getConfig();
  if ((config.labelSmoothing ?? 0) !== 0 || (config.axis ?? -1) !== -1) return undefined;
  const softmaxAxis = layer.activation.getConfig().axis;
  if (softmaxAxis !== undefined && softmaxAxis !== -1) return undefined;
  if (loss.name === CATEGORICAL) return { layer, sparse: false };
  if (loss.name === SPARSE) return { layer, sparse: true };
  return undefined;
}

/** Resolves the compile arguments against the model's outputs. */
export function resolveCompile(
  owner: string,
  outputs: readonly SymbolicTensor[],
  args: ModelCompileArgs,
): CompiledState {
  if (typeof args !== 'object' || args === null) {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'args', 'an object with optimizer and loss', args),
    );
  }
  if (args.loss === undefined || args.loss === null) {
    throw new tf.ConfigError(tf.configMessage(owner, 'loss', 'a loss name or object', args.loss));
  }
  if (args.optimizer === null) {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'optimizer', 'an optimizer name or object', args.optimizer),
    );
  }
  const names = outputs.map((o) => o.sourceLayer.name);
  const lossArgs = perOutput(owner, 'loss', args.loss, names, isLossArg);
  const weights = args.lossWeights
    ? perOutput(
        owner,
        'lossWeights',
        args.lossWeights,
        names,
        (v): v is number => typeof v === 'number',
      )
    : names.map(() => 1);
  weights.forEach((w, i) => {
    tf.checkNumber(owner, `lossWeights[${i}]`, w);
  });
  let metricArgs: (readonly MetricArg[])[] = names.map(() => []);
  if (args.metrics !== undefined) {
    if (Array.isArray(args.metrics)) {
      metricArgs = names.map(() => args.metrics as readonly MetricArg[]);
    } else {
      const given = args.metrics as Readonly<Record<string, MetricArg | readonly MetricArg[]>>;
      // Keras and TF.js: an output missing from the map simply has no metrics.
      const map = { ...Object.fromEntries(names.map((name) => [name, []])), ...given };
      metricArgs = perOutput(owner, 'metrics', map, names, (_v): _v is never => false).map((m) =>
        Array.isArray(m) ? m : [m as MetricArg],
      );
    }
  }
  const optimizer = optimizers.get(args.optimizer ?? DEFAULT_OPTIMIZER);
  const multi = outputs.length > 1;
  const compiledOutputs = outputs.map((output, i): CompiledOutput => {
    const loss = losses.get(lossArgs[i] as LossArg);
    const lastDim = output.shape[output.shape.length - 1];
    return {
      name: names[i] as string,
      loss,
      lossWeight: weights[i] as number,
      metrics: (metricArgs[i] ?? []).map((m) => metrics.get(m, { loss: loss.name })),
      fused: fusion(loss, output),
      sparseClasses: loss.name === SPARSE && typeof lastDim === 'number' ? lastDim : undefined,
      lossTracker: multi ? new metrics.Mean({ name: `${names[i]}_loss` }) : undefined,
    };
  });
  return {
    optimizer,
    outputs: compiledOutputs,
    lossTracker: new metrics.Mean({ name: 'loss' }),
    args,
  };
}

/** The log names a compiled model reports, in Keras order (`loss`, per-output losses, metrics). */
export function logNames(state: CompiledState): string[] {
  const multi = state.outputs.length > 1;
  const names = ['loss'];
  if (multi) for (const output of state.outputs) names.push(`${output.name}_loss`);
  for (const output of state.outputs) {
    for (const metric of output.metrics) {
      names.push(multi ? `${output.name}_${metric.name}` : metric.name);
    }
  }
  return names;
}

/**
 * The direction the metric behind a log name says it improves in (`val_` and per-output names
 * included): `'min'` for the losses, the metric's own `direction` otherwise.
 */
export function metricDirection(state: CompiledState, logName: string): 'max' | 'min' | undefined {
  const name = logName.startsWith('val_') ? logName.slice(4) : logName;
  const multi = state.outputs.length > 1;
  if (name === 'loss') return 'min';
  for (const output of state.outputs) {
    if (multi && name === `${output.name}_loss`) return 'min';
    for (const metric of output.metrics) {
      if ((multi ? `${output.name}_${metric.name}` : metric.name) === name) return metric.direction;
    }
  }
  return undefined;
}

/** Resets every tracker and metric of a compiled model. */
export function resetMetrics(state: CompiledState): void {
  state.lossTracker.reset();
  for (const output of state.outputs) {
    output.lossTracker?.reset();
    for (const metric of output.metrics) metric.reset();
  }
}

/** Every tracker and metric of `state` with its log name. */
function logEntries(state: CompiledState, prefix: string): Array<[string, metrics.Metric]> {
  const multi = state.outputs.length > 1;
  const entries: Array<[string, metrics.Metric]> = [[`${prefix}loss`, state.lossTracker]];
  if (multi) {
    for (const output of state.outputs) {
      entries.push([`${prefix}${output.name}_loss`, output.lossTracker as metrics.Mean]);
    }
  }
  for (const output of state.outputs) {
    for (const metric of output.metrics) {
      entries.push([`${prefix}${multi ? `${output.name}_` : ''}${metric.name}`, metric]);
    }
  }
  return entries;
}

/**
 * Reads every tracker and metric into a logs object with one `await data()` for all of them
 * (`StatefulMetric.readResults`) rather than a blocking sync: WebGPU cannot read synchronously in
 * Node (and in Chromium its canvas-based sync read lost the device); one read rather than one per
 * metric saves a readback and its fence wait per epoch.
 */
export async function readLogs(state: CompiledState, prefix = ''): Promise<Record<string, number>> {
  const entries = logEntries(state, prefix);
  const values = await metrics.StatefulMetric.readResults(entries.map(([, m]) => m));
  return Object.fromEntries(entries.map(([name], i) => [name, values[i] as number]));
}

/**
 * Frees the trackers, the metrics and the optimizer when `compile` built it (from a name or a
 * config: the model owns it; an instance stays the caller's), unless the next state keeps it.
 */
export function disposeCompiled(state: CompiledState, keep?: optimizers.Optimizer): void {
  const built = state.optimizer !== state.args.optimizer;
  if (built && state.optimizer !== keep) state.optimizer.dispose();
  state.lossTracker.dispose();
  for (const output of state.outputs) {
    output.lossTracker?.dispose();
    for (const metric of output.metrics) metric.dispose();
  }
}
