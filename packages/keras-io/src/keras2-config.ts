import { convertTsToPythonic, type LayersModel } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import { optimizerToKeras } from './compile-config.js';
import type { Dict, Json } from './keras-config.js';
import { keras2ActivationName } from './keras-config.js';
import { kerasClassName } from './weight-plan.js';

/** tf.keras 2's recurrent layers take no `seed` (their `Layer.__init__` rejects unknown keywords). */
const NO_SEED = new Set(['SimpleRNN', 'LSTM', 'GRU']);

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Dendrite's TF.js-style (snake_case) config is already Keras 2's form; what differs is undone
 * here with the reader's own tables: activation names, and `Model` spelled `Functional`.
 */
function keras2Value(value: Json, owner: string): Json {
  if (Array.isArray(value)) return value.map((item) => keras2Value(item, owner));
  if (!isDict(value)) return value;
  const out: Dict = {};
  for (const [key, item] of Object.entries(value)) {
    if ((key === 'activation' || key === 'recurrent_activation') && typeof item === 'string') {
      const name = keras2ActivationName(item);
      if (name === undefined) {
        throw new tf.ConfigError(
          `${owner}: a Keras 2 .h5 file cannot hold activation ${tf.describeValue(item)}: Keras 2 gives that name another formula; save to ".keras" instead`,
        );
      }
      out[key] = name;
    } else if (key === 'class_name' && item === 'Model' && 'config' in value) {
      out[key] = 'Functional';
    } else {
      out[key] = keras2Value(item, owner);
    }
  }
  if (typeof out.class_name === 'string' && NO_SEED.has(out.class_name) && isDict(out.config)) {
    const { seed: _seed, ...rest } = out.config;
    out.config = rest;
  }
  return out;
}

/**
 * A model's Keras 2 `model_config`: `{class_name: "Sequential" | "Functional", config}` with
 * `batch_input_shape`, list-form `inbound_nodes`, and (for Sequential) the leading `InputLayer`
 * entry tf.keras 2 writes.
 */
export function keras2ModelConfig(model: LayersModel, owner: string): Dict {
  const className = kerasClassName(model);
  const config = keras2Value(convertTsToPythonic(model.getConfig()) as Json, owner) as Dict;
  const layers = Array.isArray(config.layers) ? (config.layers as Dict[]) : [];
  const first = layers[0];
  if (className === 'Sequential' && first && first.class_name !== 'InputLayer') {
    const firstConfig = isDict(first.config) ? first.config : {};
    const input: Dict = {
      class_name: 'InputLayer',
      config: {
        batch_input_shape: firstConfig.batch_input_shape ?? null,
        dtype: firstConfig.dtype ?? 'float32',
        sparse: false,
        ragged: false,
        name: `${String(firstConfig.name)}_input`,
      },
    };
    config.layers = [input, ...layers];
  }
  return { class_name: className, config };
}

/**
 * A compiled model's Keras 2 `training_config` (loss, per-output metrics, `optimizer_config`);
 * undefined when the model is not compiled.
 */
export function keras2TrainingConfig(model: LayersModel): Dict | undefined {
  const compiled = model.getCompileConfig();
  if (!compiled) return undefined;
  const { loss, outputLosses, outputMetrics, optimizer } = compiled;
  const className = optimizer.getClassName();
  return {
    loss: typeof loss === 'string' ? loss : ((outputLosses[0] ?? null) as Json),
    metrics: [[...(outputMetrics[0] ?? [])]],
    weighted_metrics: null,
    loss_weights: null,
    optimizer_config: {
      class_name: className,
      config: {
        name: className,
        ...optimizerToKeras(optimizer.getConfig() as Record<string, unknown>),
      },
    },
  };
}
