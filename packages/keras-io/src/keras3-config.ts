import type { Layer } from '@dendrite/layers';
import { convertTsToPythonic, type LayersModel } from '@dendrite/models';
import type { Dict, Json } from './keras-config.js';
import { isModel, kerasClassName } from './weight-plan.js';

const OBJECT_MODULES: Record<string, string> = {
  initializer: 'keras.initializers',
  regularizer: 'keras.regularizers',
  constraint: 'keras.constraints',
};

/** Stateless layers Keras 3 marks built in their constructor: they carry no `build_config`. */
const UNBUILT = new Set([
  'InputLayer',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
]);

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dtypePolicy(name: Json): Dict {
  return {
    module: 'keras',
    class_name: 'DTypePolicy',
    config: { name: typeof name === 'string' ? name : 'float32' },
    registered_name: null,
  };
}

/** TF.js `{class_name, config}` objects → Keras 3 `{module, class_name, config, registered_name}`. */
function wrapObjects(config: Dict): Dict {
  const out: Dict = {};
  for (const [key, value] of Object.entries(config)) {
    const kind = Object.keys(OBJECT_MODULES).find((k) => key.endsWith(k));
    if (kind && isDict(value) && typeof value.class_name === 'string') {
      out[key] = {
        module: OBJECT_MODULES[kind] as string,
        class_name: value.class_name,
        config: value.config ?? {},
        registered_name: null,
      };
    } else {
      out[key] = value;
    }
  }
  return out;
}

function layerModule(className: string): string {
  return className === 'Sequential'
    ? 'keras'
    : className === 'Functional'
      ? 'keras.src.models.functional'
      : 'keras.layers';
}

function innerConfig(layer: Layer): Dict {
  if (isModel(layer)) return modelInnerConfig(layer);
  const config = convertTsToPythonic(layer.getConfig()) as Dict;
  if (layer.getClassName() === 'InputLayer') {
    const { batch_input_shape: shape, ...rest } = config;
    return { ...rest, batch_shape: shape ?? null };
  }
  delete config.batch_input_shape;
  return wrapObjects({ ...config, dtype: dtypePolicy(config.dtype ?? 'float32') });
}

function buildConfig(layer: Layer): Dict | undefined {
  const node = layer.inboundNodes.find((n) => n.inputs.length > 0);
  if (!node) return undefined;
  const shapes = node.inputs.map((t) => [...t.shape]);
  return { input_shape: (shapes.length === 1 ? shapes[0] : shapes) as Json };
}

function tensorRef(
  t: { shape: readonly (number | null)[]; dtype: string; sourceLayer: Layer; tensorIndex: number },
  nodeIndex: number,
): Dict {
  return {
    class_name: '__keras_tensor__',
    config: {
      shape: [...t.shape],
      dtype: t.dtype,
      keras_history: [t.sourceLayer.name, nodeIndex, t.tensorIndex],
    },
  };
}

function modelInnerConfig(model: LayersModel): Dict {
  const config = convertTsToPythonic(model.getConfig()) as Dict;
  const layers = model.layers.filter(
    (l) => !(model.getClassName() === 'Sequential' && l.getClassName() === 'InputLayer'),
  );
  if (model.getClassName() === 'Sequential') {
    const shape = model.inputs[0]?.shape;
    const input = {
      module: 'keras.layers',
      class_name: 'InputLayer',
      config: {
        batch_shape: shape ? [...shape] : null,
        dtype: 'float32',
        sparse: false,
        name: `${model.name}_input`,
      },
      registered_name: null,
    };
    return {
      name: model.name,
      trainable: model.trainable,
      dtype: dtypePolicy('float32'),
      layers: [input, ...layers.map(serializeLayer)],
      build_input_shape: shape ? [...shape] : null,
    };
  }
  const own = new Set(model.getTopology().nodes);
  // Keras 3 records each call as {args, kwargs}: tensors as __keras_tensor__ with keras_history.
  const saved = model.layers.map((layer) => {
    const nodes = layer.inboundNodes.filter((n) => own.has(n) && n.inputs.length > 0);
    const inbound = nodes.map((node) => {
      const args = node.inputs.map((t) =>
        tensorRef(
          t,
          Math.max(0, t.sourceLayer.inboundNodes.filter((n) => own.has(n)).indexOf(t.node)),
        ),
      );
      return { args: args.length === 1 ? args : [args], kwargs: {} };
    });
    return {
      ...serializeLayer(layer),
      name: layer.name,
      inbound_nodes: inbound,
    };
  });
  return {
    name: model.name,
    trainable: model.trainable,
    layers: saved,
    input_layers: config.input_layers ?? [],
    output_layers: config.output_layers ?? [],
  };
}

/** One layer in Keras 3's serialized form. */
export function serializeLayer(layer: Layer): Dict {
  const className = kerasClassName(layer);
  const out: Dict = {
    module: layerModule(className),
    class_name: className,
    config: innerConfig(layer),
    registered_name: null,
  };
  const build = buildConfig(layer);
  if (build && !UNBUILT.has(className)) out.build_config = build;
  return out;
}

/** A model's Keras 3 `config.json`: the serialized model plus `compile_config` when compiled. */
export function kerasModelConfig(model: LayersModel): Dict {
  const config = serializeLayer(model);
  const shape = model.inputs[0]?.shape;
  config.build_config = { input_shape: shape ? [...shape] : null };
  const compiled = model.getCompileConfig();
  if (compiled) {
    const { loss, outputLosses, outputMetrics, optimizer } = compiled;
    config.compile_config = {
      optimizer: {
        module: 'keras.optimizers',
        class_name: optimizer.getClassName(),
        config: convertTsToPythonic(optimizer.getConfig()) as Dict,
        registered_name: null,
      },
      loss: typeof loss === 'string' ? loss : ((outputLosses[0] ?? null) as Json),
      loss_weights: null,
      metrics: [...(outputMetrics[0] ?? [])],
      weighted_metrics: null,
      run_eagerly: false,
      steps_per_execution: 1,
      jit_compile: false,
    };
  }
  return config;
}
