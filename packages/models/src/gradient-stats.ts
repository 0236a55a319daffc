import * as tf from '@dendrite/tensor';
import { computeLosses } from './engine/step.js';
import { variableGrads } from './engine/variable-grads.js';
import type { LayersModel } from './layers-model.js';

/** Summary of the gradient of the compiled loss with respect to one trainable weight. */
export interface GradientStat {
  /** The layer owning the weight, e.g. `'dense_3'`. */
  readonly layerName: string;
  /** The weight inside the layer, e.g. `'kernel'` or `'bias'`. */
  readonly weightName: string;
  /** Euclidean (Frobenius) norm of the gradient: `sqrt(sum(g^2))`. */
  readonly norm: number;
  /** Mean of the gradient's entries. */
  readonly mean: number;
  /** Population standard deviation of the gradient's entries. */
  readonly std: number;
  /** Number of entries of the weight. */
  readonly size: number;
}

/** Options of {@link computeGradientStats}. */
export interface GradientStatsOptions {
  /** One weight per sample multiplying its loss (single-output models). @defaultValue none */
  readonly sampleWeight?: tf.Tensor;
  /**
   * Run the layers in training mode (dropout active, as in a `fit` step).
   * @defaultValue true
   */
  readonly training?: boolean;
}

function asList(value: tf.Tensor | readonly tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(value) ? [...value] : [value as tf.Tensor];
}

function weightNameOf(originalName: string): string {
  const slash = originalName.lastIndexOf('/');
  return slash < 0 ? originalName : originalName.slice(slash + 1);
}

/**
 * Gradients of the compiled loss (losses, loss weights and regularization, exactly what `fit`
 * minimizes) on ONE batch, summarized per trainable weight in `model.trainableWeights` order.
 * Nothing is updated: no optimizer step, no metric state. The diagnostic behind the
 * vanishing-gradient plots: with sigmoid hidden layers the first layers' kernel norms are orders of
 * magnitude below the last ones'.
 * @example
 * model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
 * const stats = await computeGradientStats(model, xBatch, yBatch);
 * for (const s of stats) if (s.weightName === 'kernel') console.log(s.layerName, s.norm);
 */
export async function computeGradientStats(
  model: LayersModel,
  x: tf.Tensor | readonly tf.Tensor[],
  y: tf.Tensor | readonly tf.Tensor[],
  options: GradientStatsOptions = {},
): Promise<GradientStat[]> {
  const owner = `${model.name}.computeGradientStats`;
  const state = model.requireCompiled('computeGradientStats');
  const topology = model.getTopology();
  const xs = asList(x);
  const ys = asList(y);
  if (xs.length !== topology.inputs.length) {
    throw new tf.ValueError(
      tf.configMessage(owner, 'x', `${topology.inputs.length} input tensor(s)`, xs.length),
    );
  }
  if (ys.length !== topology.outputs.length) {
    throw new tf.ValueError(
      tf.configMessage(owner, 'y', `${topology.outputs.length} target tensor(s)`, ys.length),
    );
  }
  if (options.sampleWeight !== undefined && ys.length !== 1) {
    throw new tf.ValueError(
      `${owner}: \`sampleWeight\` needs a single-output model; this one has ${ys.length} outputs`,
    );
  }
  const batch = xs[0]?.shape[0];
  for (const [name, list] of [
    ['x', xs],
    ['y', ys],
  ] as const) {
    for (const tensor of list) {
      if (tensor.shape[0] !== batch) {
        throw new tf.ShapeError(
          `${owner}: every \`x\` and \`y\` tensor needs the same number of samples; \`${name}\` has shape [${tensor.shape}] but \`x\` has ${batch}`,
        );
      }
    }
  }
  const entries = topology.layers.flatMap((layer) =>
    layer.trainableWeights.map((weight) => ({
      layerName: layer.name,
      weightName: weightNameOf(weight.originalName),
      variable: weight.read(),
    })),
  );
  if (entries.length === 0) return [];
  const weights = ys.map(() => options.sampleWeight);
  const training = options.training ?? true;
  const summary = tf.tidy(() => {
    const { grads } = variableGrads(
      () => computeLosses(topology, state, xs, ys, weights, training).total,
      entries.map((entry) => entry.variable),
    );
    const rows = entries.map(({ variable }) => {
      // A weight the loss does not reach has a zero gradient.
      const g = grads[variable.name] ?? tf.zerosLike(variable);
      const flat = tf.reshape(g, [-1]);
      const mean = tf.mean(flat);
      const std = tf.sqrt(tf.mean(tf.square(tf.sub(flat, mean))));
      return tf.stack([tf.norm(flat), mean, std]);
    });
    return tf.stack(rows);
  });
  let values: Float32Array | Int32Array | Uint8Array;
  try {
    values = await summary.data();
  } finally {
    summary.dispose();
  }
  return entries.map((entry, i) => ({
    layerName: entry.layerName,
    weightName: entry.weightName,
    norm: values[3 * i] as number,
    mean: values[3 * i + 1] as number,
    std: values[3 * i + 2] as number,
    size: entry.variable.size,
  }));
}
