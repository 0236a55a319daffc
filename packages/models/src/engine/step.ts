import {
  type Dense,
  denseForward,
  isDataInput,
  type Layer,
  type LayerNode,
  withDataInputs,
} from '@dendrite/layers';
import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { executeGraph, type Topology } from '../topology.js';
import type { CompiledOutput, CompiledState } from './compile.js';
import { denseChainStep } from './dense-chain-step.js';
import type { Batch } from './epoch-iterator.js';
import { fusedLabels, PROBABILITY_EPSILON } from './fused-labels.js';
import { type LossResult, maskedWeights, updateTrackers } from './trackers.js';
import { variableGrads } from './variable-grads.js';

/** The identity activation, for taking a softmax Dense layer's logits. */
const LINEAR: Parameters<typeof denseForward>[3] = {
  name: 'linear',
  apply: (x) => x,
  getClassName: () => 'linear',
  getConfig: () => ({}),
};

/** The pre-activation output of a Dense layer (its softmax left out). */
export function denseLogits(layer: Dense, x: tf.Tensor): tf.Tensor {
  const kernel = layer.kernel;
  if (!kernel) throw new tf.NotBuiltError(`${layer.name}: layer used before it was built`);
  return denseForward(x, kernel.read(), layer.bias?.read(), LINEAR, {
    inputGradient: !isDataInput(x),
  });
}

/** Runs the model's graph, taking logits from the output nodes whose loss is fused. */
export function forward(
  topology: Topology,
  state: CompiledState | undefined,
  xs: readonly tf.Tensor[],
  training: boolean,
  outputMasks?: Array<tf.Tensor | null>,
): tf.Tensor[] {
  const fusedNodes = new Map<LayerNode, Dense>();
  state?.outputs.forEach((output, i) => {
    if (output.fused)
      fusedNodes.set((topology.outputs[i] as { node: LayerNode }).node, output.fused.layer);
  });
  if (fusedNodes.size === 0) return executeGraph(topology, xs, { training, outputMasks });
  return executeGraph(topology, xs, {
    training,
    outputMasks,
    override: (node, inputs) => {
      const layer = fusedNodes.get(node);
      return layer ? denseLogits(layer, inputs[0] as tf.Tensor) : undefined;
    },
  });
}

function outputLoss(
  output: CompiledOutput,
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
  mask: tf.Tensor | null,
): tf.Scalar {
  let perSample: tf.Tensor;
  const reduction = output.loss.reduction === 'none' ? 'sumOverBatchSize' : output.loss.reduction;
  if (output.fused) {
    const classes = yPred.shape[yPred.rank - 1] as number;
    const labels = fusedLabels(yTrue, output.fused.sparse, yPred.rank, classes);
    // Same value as the unfused loss on probabilities, which Keras clips to [1e-7, 1 - 1e-7].
    // An unweighted mean is taken inside the fused loss: same value as the sum and division below.
    const mean = sampleWeight === undefined && mask === null && reduction === 'sumOverBatchSize';
    perSample = losses.softmaxCrossentropyWithLogits(labels, yPred, {
      epsilon: PROBABILITY_EPSILON,
      reduction: mean ? 'mean' : 'none',
    });
    if (mean) return perSample as tf.Scalar;
  } else {
    perSample = output.loss.call(yTrue, yPred);
  }
  const weights = maskedWeights(sampleWeight, mask, perSample.shape, reduction !== 'sum');
  return losses.reduceWeightedLoss(perSample, weights, reduction) as tf.Scalar;
}

/** The regularization penalties of every layer, or `null` when none has one: the one place they are summed. */
export function regularization(layers: readonly Layer[]): tf.Scalar | null {
  const terms = layers.map((layer) => layer.regularizationLoss()).filter((t) => t !== null);
  if (terms.length === 0) return null;
  return (terms.length === 1 ? terms[0] : tf.addN(terms as tf.Scalar[])) as tf.Scalar;
}

/** Forward pass plus losses; call inside `tidy` (or a gradient function). */
export function computeLosses(
  topology: Topology,
  state: CompiledState,
  xs: readonly tf.Tensor[],
  ys: readonly tf.Tensor[],
  sampleWeights: readonly (tf.Tensor | undefined)[],
  training: boolean,
): LossResult {
  const masks: Array<tf.Tensor | null> = [];
  const predictions = forward(topology, state, xs, training, masks);
  const outputLosses = state.outputs.map((output, i) =>
    outputLoss(
      output,
      ys[i] as tf.Tensor,
      predictions[i] as tf.Tensor,
      sampleWeights[i],
      masks[i] ?? null,
    ),
  );
  const weighted = outputLosses.map((loss, i) => {
    const weight = (state.outputs[i] as CompiledOutput).lossWeight;
    return weight === 1 ? loss : tf.mul(loss, weight);
  });
  const penalty = regularization(topology.layers);
  if (penalty) weighted.push(penalty);
  const total = (weighted.length === 1 ? weighted[0] : tf.addN(weighted)) as tf.Scalar;
  return { total, outputLosses, predictions, masks };
}

/** Loss and metrics of one batch into the trackers, without training (no device sync). */
export function testStep(topology: Topology, state: CompiledState, batch: Batch): void {
  tf.tidy(() => {
    const result = computeLosses(topology, state, batch.xs, batch.ys, batch.weights, false);
    updateTrackers(state, result, batch.ys, batch.weights, batch.size);
  });
}

/**
 * One optimizer step on one batch: gradients of the total loss over the trainable weights,
 * `applyGradients`, constraints, then the trackers. Leaves no tensors behind.
 */
export function trainStep(topology: Topology, state: CompiledState, batch: Batch): void {
  if (denseChainStep(topology, state, batch)) return;
  const { xs, ys, weights: sampleWeights } = batch;
  const variables = topology.layers.flatMap((layer) =>
    layer.trainableWeights.map((weight) => weight.read()),
  );
  let kept: LossResult | undefined;
  try {
    // The batch is data: layers fed straight from it skip their input gradient.
    withDataInputs(xs, () =>
      tf.tidy(() => {
        const lossFn = (): tf.Scalar => {
          const result = computeLosses(topology, state, xs, ys, sampleWeights, true);
          kept = {
            total: result.total,
            outputLosses: result.outputLosses.map((t) => tf.keep(t)),
            predictions: result.predictions.map((t) => tf.keep(t)),
            masks: result.masks.map((t) => (t ? tf.keep(t) : null)),
          };
          return result.total;
        };
        if (variables.length === 0) {
          const total = lossFn();
          kept = { ...(kept as LossResult), total };
        } else {
          const { value, grads } = variableGrads(lossFn, variables);
          kept = { ...(kept as LossResult), total: value };
          const pairs: [tf.Tensor, tf.Variable][] = [];
          for (const variable of variables) {
            const grad = grads[variable.name];
            if (grad) pairs.push([grad, variable]);
          }
          state.optimizer.applyGradients(pairs);
        }
        for (const layer of topology.layers) layer.applyConstraints();
        updateTrackers(state, kept as LossResult, ys, sampleWeights, batch.size);
      }),
    );
  } finally {
    if (kept) {
      tf.dispose(kept.outputLosses);
      tf.dispose(kept.predictions);
      tf.dispose(kept.masks.filter((t) => t !== null));
    }
  }
}
