import type { Optimizer } from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';
import type { LossArg } from '../engine/compile.js';
import type { CompileConfig } from '../engine/compile-config.js';
import type { LayersModel } from '../layers-model.js';
import { filePath, isPlainPath, requirePathStore } from './model-formats.js';
import { convertTsToPythonic, toSnakeCase } from './pythonic.js';
import { saveToFormat } from './route.js';

/** The `generatedBy` field of saved models. */
export const GENERATED_BY = 'Dendrite v0.1.0';
/** The TF.js Layers format version the topology follows (`keras_version`). */
export const KERAS_VERSION = 'tfjs-layers 4.22.0';

/** Options of `model.save`. */
export interface ModelSaveOptions {
  /**
   * Also save the training config (loss, metrics, optimizer) and the optimizer state, so
   * `loadModel` returns a compiled model that resumes training exactly. @defaultValue false
   */
  readonly includeOptimizer?: boolean;
}

/** The snake_case `model.json` topology of a model: `{class_name, config, keras_version, backend}`. */
export function modelTopology(model: LayersModel): tf.ConfigDict {
  return convertTsToPythonic({
    className: model.getClassName(),
    config: model.getConfig(),
    kerasVersion: KERAS_VERSION,
    backend: 'TensorFlow.js',
  }) as tf.ConfigDict;
}

function lossIdentifier(arg: LossArg, fallback: string): string {
  return typeof arg === 'string' ? toSnakeCase(arg) : fallback;
}

/** The `trainingConfig` of a compiled model, in tfjs-layers' layout. */
export function trainingConfig(compiled: CompileConfig): tf.io.TrainingConfig {
  const { loss, outputLosses, outputMetrics, optimizer } = compiled;
  const losses = outputLosses.map((name, i) => {
    const arg = typeof loss === 'string' || !Array.isArray(loss) ? undefined : (loss[i] as LossArg);
    return lossIdentifier(arg ?? (typeof loss === 'string' ? loss : name), name);
  });
  const config = {
    loss: losses.length === 1 ? (losses[0] as string) : losses,
    metrics: [...(outputMetrics[0] ?? [])],
    optimizer_config: {
      class_name: optimizer.getClassName(),
      config: optimizer.getConfig(),
    },
  };
  return config as unknown as tf.io.TrainingConfig;
}

/** Optimizer slot names use process-unique variable names; files use the weights' own names. */
export function optimizerWeightsForSave(
  model: LayersModel,
  optimizer: Optimizer,
): { name: string; tensor: tf.Tensor }[] {
  const rename = new Map(model.weights.map((w) => [w.variable.name, w.originalName]));
  return optimizer.getWeights().map(({ name, tensor }) => {
    const cut = name.lastIndexOf('/');
    const variable = cut > 0 ? name.slice(0, cut) : name;
    const original = rename.get(variable);
    return { name: original ? `${original}${name.slice(cut)}` : name, tensor };
  });
}

/** The artifacts `model.save` hands to an IO handler. */
export async function modelArtifacts(
  model: LayersModel,
  options: ModelSaveOptions,
): Promise<tf.io.ModelArtifacts> {
  const named = model.weights.map((w) => ({ name: w.originalName, tensor: w.read() as tf.Tensor }));
  const names = new Set<string>();
  for (const { name } of named) {
    if (names.has(name)) {
      throw new tf.ValueError(
        `${model.name}.save: two weights are named "${name}"; layer names must be unique`,
      );
    }
    names.add(name);
  }
  const encoded = await tf.io.encodeWeights(named);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: modelTopology(model) as object,
    format: 'layers-model',
    generatedBy: GENERATED_BY,
    convertedBy: null,
    weightSpecs: encoded.specs,
    weightData: encoded.data,
  };
  const compiled = model.getCompileConfig();
  if (options.includeOptimizer && compiled) {
    artifacts.trainingConfig = trainingConfig(compiled);
    const optimizerWeights = optimizerWeightsForSave(model, compiled.optimizer);
    try {
      const extra = await tf.io.encodeWeights(optimizerWeights, 'optimizer');
      artifacts.weightSpecs = [...encoded.specs, ...extra.specs];
      artifacts.weightData = tf.io.concatenateArrayBuffers([
        encoded.data as ArrayBuffer,
        extra.data as ArrayBuffer,
      ]);
    } finally {
      tf.dispose(optimizerWeights.map((w) => w.tensor));
    }
  }
  return artifacts;
}

/** Resolves a URL to its save handler; `file://` needs `@dendrite/models/node`. */
export function saveHandlerFor(
  owner: string,
  destination: string | tf.io.IOHandler,
): tf.io.IOHandler {
  if (typeof destination !== 'string') {
    if (typeof destination?.save !== 'function') {
      throw new tf.ConfigError(
        tf.configMessage(owner, 'destination', 'a URL or an IO handler with save()', destination),
      );
    }
    return destination;
  }
  const handlers = tf.io.getSaveHandlers(destination);
  if (handlers.length === 0) {
    const hint = destination.startsWith('file://')
      ? '; on Node, pass fileSystem(path) from "@dendrite/models/node" or call registerFileSystem() first'
      : '';
    throw new tf.ConfigError(
      `${owner}: no save handler for ${tf.describeValue(destination)}${hint}`,
    );
  }
  return handlers[0] as tf.io.IOHandler;
}

/** `model.save`. */
export async function saveModel(
  model: LayersModel,
  destination: string | tf.io.IOHandler,
  options: ModelSaveOptions,
): Promise<tf.io.SaveResult> {
  const owner = `${model.name}.save`;
  if (typeof destination === 'string') {
    if (await saveToFormat(owner, model, destination)) {
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }
    if (isPlainPath(destination)) {
      const store = requirePathStore(owner, destination);
      destination = store.tfjsHandler(filePath(destination) as string);
    }
  }
  const handler = saveHandlerFor(owner, destination);
  const artifacts = await modelArtifacts(model, options);
  return (handler.save as (a: tf.io.ModelArtifacts) => Promise<tf.io.SaveResult>)(artifacts);
}
