import { layerRegistry } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';

/** A JSON value of a Keras config. */
export type Json = tf.ConfigValue;
/** A JSON object of a Keras config. */
export type Dict = Record<string, Json>;

/** What a Keras file's config turns into: a TF.js-style snake_case topology plus notes for the weights. */
export interface NormalizedConfig {
  /** `{class_name, config}` in the TF.js Layers (snake_case) form that `loadModel` reads. */
  readonly topology: Dict;
  /** Names of layers saved as `CuDNNLSTM` (their bias is stored as input bias + recurrent bias). */
  readonly cudnnLayers: Set<string>;
}

/** Options of {@link normalizeKerasConfig}. */
export interface NormalizeOptions {
  /** Where the config came from, for messages. */
  readonly origin: string;
  /** Major version of Keras that wrote the file (2 or 3): decides what `hard_sigmoid` means. */
  readonly kerasMajor: number;
}

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);
const DTYPE_POLICIES = new Set([
  'DTypePolicy',
  'FloatDTypePolicy',
  'Policy',
  'QuantizedDTypePolicy',
]);
const CLASS_ALIASES: Record<string, string> = {
  OrthogonalInitializer: 'Orthogonal',
  CuDNNLSTM: 'LSTM',
  CuDNNGRU: 'GRU',
};
const REFUSED = new Set(['Lambda']);

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Keras 2 activation names whose meaning differs from Keras 3's, and Dendrite's names for them:
 * `hard_sigmoid` in a Keras 2 file is clip(0.2x + 0.5, 0, 1), which Dendrite names `hardSigmoidKeras2`.
 */
const KERAS2_ACTIVATIONS: Record<string, string> = { hard_sigmoid: 'hard_sigmoid_keras2' };

function activationName(value: Json, kerasMajor: number): Json {
  if (typeof value === 'string' && kerasMajor < 3) return KERAS2_ACTIVATIONS[value] ?? value;
  return value;
}

/**
 * The inverse of the reader's Keras 2 activation mapping: Dendrite's (snake_case) activation name
 * as a Keras 2 file spells it, or undefined when Keras 2 has no activation with that meaning.
 */
export function keras2ActivationName(value: string): string | undefined {
  const renamed = Object.entries(KERAS2_ACTIVATIONS).find(([, ours]) => ours === value);
  if (renamed) return renamed[0];
  return value in KERAS2_ACTIVATIONS ? undefined : value;
}

/**
 * Strips Keras 3's `{module, class_name, config, registered_name}` wrappers down to TF.js'
 * `{class_name, config}`, turns dtype policies into dtype names, tuples into lists, and maps
 * renamed classes (`OrthogonalInitializer` → `Orthogonal`).
 */
function plain(value: Json, options: NormalizeOptions): Json {
  if (Array.isArray(value)) return value.map((item) => plain(item, options));
  if (!isDict(value)) return value;
  if (typeof value.class_name === 'string' && 'config' in value) {
    const className = value.class_name;
    const config = isDict(value.config) ? value.config : {};
    if (DTYPE_POLICIES.has(className)) {
      const name = typeof config.name === 'string' ? config.name : 'float32';
      return name.startsWith('mixed_') ? 'float32' : name;
    }
    if (className === '__tuple__') return plain((config.value ?? []) as Json, options);
    return { class_name: CLASS_ALIASES[className] ?? className, config: plain(config, options) };
  }
  const out: Dict = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'module' || key === 'registered_name' || key === 'shared_object_id') continue;
    out[key] =
      key === 'activation' || key === 'recurrent_activation'
        ? activationName(item, options.kerasMajor)
        : plain(item, options);
  }
  return out;
}

/** `[[name, node, tensor], ...]` from Keras 3's single `[name, node, tensor]` or the list form. */
function refList(value: Json): Json[] {
  if (Array.isArray(value) && typeof value[0] === 'string') return [value];
  return Array.isArray(value) ? value : [];
}

function collectTensors(value: Json, into: Json[][]): Json {
  if (Array.isArray(value)) {
    const rest = value.map((item) => collectTensors(item, into));
    return rest;
  }
  if (!isDict(value)) return value;
  if (value.class_name === '__keras_tensor__' && isDict(value.config)) {
    const history = value.config.keras_history;
    if (Array.isArray(history)) into.push([...history]);
    return null;
  }
  return value;
}

/** Keras 3's `{args, kwargs}` call records → TF.js `[[name, node, tensor, kwargs], ...]`. */
function inboundNodes(nodes: Json, options: NormalizeOptions): Json {
  if (!Array.isArray(nodes)) return [];
  return nodes.map((node) => {
    if (!isDict(node) || !('args' in node)) return plain(node, options);
    const refs: Json[][] = [];
    collectTensors(node.args ?? [], refs);
    const kwargs: Dict = {};
    for (const [key, item] of Object.entries(isDict(node.kwargs) ? node.kwargs : {})) {
      const before = refs.length;
      collectTensors(item, refs);
      if (refs.length === before && (item === null || typeof item !== 'object')) kwargs[key] = item;
    }
    return refs.map((ref) => [...ref.slice(0, 3), kwargs]);
  });
}

function checkClass(className: string, layerName: string, options: NormalizeOptions): void {
  if (REFUSED.has(className)) {
    throw new tf.ConfigError(
      `loadModel: ${options.origin}: layer "${layerName}" is a Keras ${className} layer, which holds Python code; Dendrite never runs code from a file. Rebuild the model with built-in layers, or a registered custom layer, before saving it`,
    );
  }
  if (!MODEL_CLASSES.has(className) && !layerRegistry.has(CLASS_ALIASES[className] ?? className)) {
    throw new tf.UnknownNameError(
      `loadModel: ${options.origin}: unknown layer class ${tf.describeValue(className)} (layer "${layerName}"); register it with registerLayer() or use one of: ${layerRegistry.names().join(', ')}`,
    );
  }
}

function layerConfig(
  className: string,
  raw: Dict,
  options: NormalizeOptions,
  cudnn: Set<string>,
): Dict {
  const config = plain(raw, options) as Dict;
  if (className === 'InputLayer') {
    if (config.batch_shape !== undefined && config.batch_input_shape === undefined) {
      config.batch_input_shape = config.batch_shape;
    }
    delete config.batch_shape;
  }
  if (className === 'BatchNormalization' || className === 'LayerNormalization') {
    const axis = config.axis;
    if (Array.isArray(axis) && axis.length === 1) config.axis = axis[0] as number;
  }
  if (className === 'GRU' && config.reset_after === undefined) {
    config.reset_after = options.kerasMajor >= 3;
  }
  if (className === 'CuDNNLSTM' || className === 'CuDNNGRU') {
    cudnn.add(String(config.name));
    config.activation = 'tanh';
    config.recurrent_activation = 'sigmoid';
    if (className === 'CuDNNGRU') config.reset_after = true;
  }
  return config;
}

function normalizeModel(
  className: string,
  raw: Json,
  options: NormalizeOptions,
  cudnn: Set<string>,
): Dict {
  if (className === 'Sequential') {
    const config: Dict = Array.isArray(raw) ? { layers: raw } : isDict(raw) ? { ...raw } : {};
    const entries = Array.isArray(config.layers) ? config.layers : [];
    const layers = entries.map((entry) => normalizeLayer(entry, options, cudnn));
    const first = layers[0] as Dict | undefined;
    const firstConfig = first && isDict(first.config) ? (first.config as Dict) : undefined;
    const buildShape = config.build_input_shape;
    if (
      first &&
      first.class_name !== 'InputLayer' &&
      firstConfig &&
      firstConfig.batch_input_shape === undefined &&
      Array.isArray(buildShape)
    ) {
      firstConfig.batch_input_shape = buildShape;
    }
    return {
      class_name: 'Sequential',
      config: { name: typeof config.name === 'string' ? config.name : 'sequential', layers },
    };
  }
  const config = isDict(raw) ? raw : {};
  const layers = (Array.isArray(config.layers) ? config.layers : []).map((entry) => {
    const layer = normalizeLayer(entry, options, cudnn);
    const source = entry as Dict;
    return {
      ...layer,
      name: typeof source.name === 'string' ? source.name : (layer.config as Dict).name,
      inbound_nodes: inboundNodes(source.inbound_nodes ?? [], options),
    };
  });
  return {
    class_name: 'Functional',
    config: {
      name: typeof config.name === 'string' ? config.name : 'functional',
      layers,
      input_layers: refList(config.input_layers ?? []),
      output_layers: refList(config.output_layers ?? []),
    },
  };
}

function normalizeLayer(entry: Json, options: NormalizeOptions, cudnn: Set<string>): Dict {
  if (!isDict(entry) || typeof entry.class_name !== 'string') {
    throw new tf.ValueError(
      `loadModel: ${options.origin}: malformed layer entry ${tf.describeValue(entry)}; expected {class_name, config}`,
    );
  }
  const className = entry.class_name;
  const raw = entry.config ?? {};
  const layerName =
    isDict(raw) && typeof raw.name === 'string' ? raw.name : String(entry.name ?? '?');
  checkClass(className, layerName, options);
  if (MODEL_CLASSES.has(className)) return normalizeModel(className, raw, options, cudnn);
  return {
    class_name: CLASS_ALIASES[className] ?? className,
    config: layerConfig(className, isDict(raw) ? raw : {}, options, cudnn),
  };
}

/**
 * Turns a Keras model config (Keras 3 `config.json`, or the `model_config` attribute of a
 * legacy `.h5`) into the TF.js Layers topology Dendrite deserializes, smoothing over the format
 * differences between Keras versions. Unknown classes throw `UnknownNameError`; `Lambda` layers
 * are refused by name.
 */
export function normalizeKerasConfig(config: Json, options: NormalizeOptions): NormalizedConfig {
  if (!isDict(config) || typeof config.class_name !== 'string') {
    throw new tf.ValueError(
      `loadModel: ${options.origin}: the model config must be {class_name, config}; received ${tf.describeValue(config)}`,
    );
  }
  const cudnn = new Set<string>();
  const className = config.class_name;
  if (!MODEL_CLASSES.has(className)) {
    throw new tf.UnknownNameError(
      `loadModel: ${options.origin}: unknown model class ${tf.describeValue(className)}; expected Sequential, Functional or Model`,
    );
  }
  const topology = normalizeModel(className, config.config ?? {}, options, cudnn);
  return { topology, cudnnLayers: cudnn };
}
