import type { LayersModel } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import type { Dict, Json } from './keras-config.js';

/** Keras optimizer config keys Dendrite's optimizers take, and their Dendrite names. */
const OPTIMIZER_KEYS: Record<string, string> = {
  learning_rate: 'learningRate',
  lr: 'learningRate',
  weight_decay: 'weightDecay',
  clipnorm: 'clipNorm',
  clipvalue: 'clipValue',
  global_clipnorm: 'globalClipNorm',
  beta_1: 'beta1',
  beta_2: 'beta2',
  epsilon: 'epsilon',
  amsgrad: 'amsgrad',
  rho: 'rho',
  momentum: 'momentum',
  centered: 'centered',
  nesterov: 'nesterov',
  initial_accumulator_value: 'initialAccumulatorValue',
};

/**
 * A Dendrite optimizer's camelCase config in Keras' snake_case keys (the inverse of the table
 * the reader uses); keys Keras has no name for, and `null` ("off") values, are left out.
 */
export function optimizerToKeras(config: Record<string, unknown>): Dict {
  const out: Dict = {};
  for (const [key, item] of Object.entries(config)) {
    const kerasKey = Object.entries(OPTIMIZER_KEYS).find(([, ours]) => ours === key)?.[0];
    if (kerasKey && item !== null && item !== undefined) out[kerasKey] = item as Json;
  }
  return out;
}

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{className, config}` of a Keras optimizer config (`"adam"` or `{class_name, config}`). */
export function optimizerFromKeras(value: Json, origin: string): tf.SerializedObject | string {
  if (typeof value === 'string') return value.toLowerCase();
  if (!isDict(value) || typeof value.class_name !== 'string') {
    throw new tf.ValueError(
      `loadModel: ${origin}: malformed optimizer config ${tf.describeValue(value)}; expected {class_name, config}`,
    );
  }
  const raw = isDict(value.config) ? value.config : {};
  const config: Dict = {};
  for (const [key, item] of Object.entries(raw)) {
    const name = OPTIMIZER_KEYS[key];
    // Keras writes `weight_decay: null` and `clipnorm: null` for "off".
    if (name && item !== null && !(key === 'weight_decay' && value.class_name !== 'AdamW')) {
      config[name] = isDict(item) ? ((item.config as Dict)?.value ?? null) : item;
    }
  }
  // tf.keras 2.11+ writes its new optimizers as `Custom>Adam`.
  return { className: value.class_name.replace(/^Custom>/, ''), config };
}

function lossName(value: Json): Json {
  if (typeof value === 'string') return value;
  if (isDict(value) && typeof value.class_name === 'string') return value.class_name;
  if (Array.isArray(value)) return value.map(lossName);
  if (isDict(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lossName(v)]));
  }
  return value;
}

function metricNames(value: Json): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(metricNames);
  if (isDict(value)) {
    if (typeof value.class_name === 'string') {
      const config = isDict(value.config) ? value.config : {};
      const name = typeof config.name === 'string' ? config.name : value.class_name;
      return [name === 'acc' ? 'accuracy' : name];
    }
    return Object.values(value).flatMap(metricNames);
  }
  return [];
}

/**
 * Compiles `model` from a Keras 3 `compile_config` or a Keras 2 `training_config`: the optimizer
 * with its hyperparameters, the loss and the metrics by name.
 */
export function compileFromKeras(model: LayersModel, config: Json, origin: string): void {
  if (!isDict(config)) return;
  const optimizer = optimizerFromKeras(
    (config.optimizer ?? config.optimizer_config ?? 'rmsprop') as Json,
    origin,
  );
  const loss = lossName(config.loss ?? null);
  if (loss === null) return;
  model.compile({
    optimizer: optimizer as never,
    loss: loss as never,
    metrics: metricNames(config.metrics ?? []) as never,
  });
}
