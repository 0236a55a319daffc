import type { Callback, History } from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';
import type { Topology } from '../topology.js';
import { type CompiledState, logNames, readLogs, resetMetrics } from './compile.js';
import { checkSampleCounts, checkShapes, toList } from './data.js';
import { evaluateHost, prepareData } from './evaluate.js';
import { checkFitOptions, makeCallbacks, settle, shouldValidate } from './fit.js';
import { NonFiniteWatch } from './nonfinite-watch.js';
import { computeLosses, trainStep, updateTrackers } from './step.js';

/** One batch of a dataset: `{xs, ys}` (tfjs-data style) or `[x, y]`. */
export type DatasetBatch =
  | { readonly xs: tf.Tensor | tf.Tensor[]; readonly ys: tf.Tensor | tf.Tensor[] }
  | readonly [tf.Tensor | tf.Tensor[], tf.Tensor | tf.Tensor[]];

/** A source of batches iterated again each epoch: an (async) iterable or a tfjs-data `Dataset`. */
export type FitDatasetSource =
  | AsyncIterable<DatasetBatch>
  | Iterable<DatasetBatch>
  | { iterator(): Promise<{ next(): Promise<IteratorResult<DatasetBatch>> }> };

/** Config of `model.fitDataset`. */
export interface ModelFitDatasetArgs {
  /** @defaultValue 1 */
  readonly epochs?: number;
  /** Batches per epoch; the source is iterated afresh each epoch. @defaultValue the whole source */
  readonly batchesPerEpoch?: number;
  /** A dataset or `[x, y]` tensors evaluated after each epoch (`val_` logs). */
  readonly validationData?:
    | FitDatasetSource
    | readonly [tf.Tensor | tf.Tensor[], tf.Tensor | tf.Tensor[]];
  /** Validation batch size for `[x, y]` tensors. @defaultValue 32 */
  readonly validationBatchSize?: number;
  /** @defaultValue 1 */
  readonly validationFreq?: number | readonly number[];
  /** @defaultValue none */
  readonly callbacks?: Callback | readonly Callback[];
  /** @defaultValue 1 */
  readonly verbose?: 0 | 1 | 2;
  /** @defaultValue 0 */
  readonly initialEpoch?: number;
}

async function* iterate(source: FitDatasetSource): AsyncGenerator<DatasetBatch> {
  if (
    'iterator' in source &&
    typeof source.iterator === 'function' &&
    !(Symbol.asyncIterator in source)
  ) {
    const it = await source.iterator();
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    return;
  }
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<DatasetBatch>;
    return;
  }
  yield* source as Iterable<DatasetBatch>;
}

function unpack(owner: string, batch: DatasetBatch): [tf.Tensor[], tf.Tensor[]] {
  if (Array.isArray(batch)) return [toList(owner, 'xs', batch[0]), toList(owner, 'ys', batch[1])];
  const { xs, ys } = batch as { xs: unknown; ys: unknown };
  return [toList(owner, 'xs', xs), toList(owner, 'ys', ys)];
}

async function evaluateSource(
  owner: string,
  topology: Topology,
  state: CompiledState,
  source: FitDatasetSource,
): Promise<Record<string, number>> {
  resetMetrics(state);
  for await (const batch of iterate(source)) {
    const [xs, ys] = unpack(owner, batch);
    try {
      checkShapes(owner, 'x', topology.inputs, xs);
      tf.tidy(() => {
        const none = ys.map(() => undefined);
        const result = computeLosses(topology, state, xs, ys, none, false);
        updateTrackers(state, result, ys, none, xs[0]?.shape[0] ?? 0);
      });
    } finally {
      tf.dispose([...xs, ...ys]);
    }
  }
  return readLogs(state, 'val_');
}

/**
 * `model.fitDataset`: trains on batches from `dataset`, iterating it again each epoch. The
 * batch tensors the dataset yields are disposed after their step.
 */
export async function fitDataset(
  model: LayersModel,
  dataset: FitDatasetSource,
  args: ModelFitDatasetArgs,
): Promise<History> {
  const owner = `${model.name}.fitDataset`;
  const state = model.requireCompiled('fitDataset');
  const [epochs, initialEpoch, verbose] = checkFitOptions(owner, args);
  if (args.batchesPerEpoch !== undefined) {
    tf.checkNumber(owner, 'batchesPerEpoch', args.batchesPerEpoch, { integer: true, min: 1 });
  }
  const freq = args.validationFreq ?? 1;
  const valTensors = Array.isArray(args.validationData)
    ? await prepareData(
        model,
        state,
        `${owner} (validationData)`,
        args.validationData[0],
        args.validationData[1],
        undefined,
        undefined,
      )
    : undefined;
  const [callbacks, history] = makeCallbacks(args.callbacks, verbose);
  const names = logNames(state);
  callbacks.setModel(model);
  callbacks.setParams({
    epochs,
    initialEpoch,
    steps: args.batchesPerEpoch,
    samples: undefined,
    batchSize: undefined,
    verbose,
    metrics: args.validationData ? [...names, ...names.map((m) => `val_${m}`)] : names,
  });
  const every = callbacks.batchLogsEvery;
  model.stopTraining = false;
  await settle(callbacks.onTrainBegin());
  let logs: Record<string, number> = {};
  let epoch = callbacks.resumeEpoch() ?? initialEpoch;
  const watch = new NonFiniteWatch();
  try {
    for (; epoch < epochs && !model.stopTraining; epoch++) {
      resetMetrics(state);
      await settle(callbacks.onEpochBegin(epoch));
      let step = 0;
      for await (const batch of iterate(dataset)) {
        const [xs, ys] = unpack(owner, batch);
        try {
          await settle(callbacks.onTrainBatchBegin(step));
          model.buildFor(xs.map((t) => t.shape));
          const topology = model.getTopology();
          checkShapes(owner, 'xs', topology.inputs, xs);
          checkShapes(owner, 'ys', topology.outputs, ys, false);
          checkSampleCounts(`${owner} (batch ${step})`, [
            ['xs', xs],
            ['ys', ys],
          ]);
          watch.observe(step, [...xs, ...ys]);
          trainStep(
            topology,
            state,
            xs,
            ys,
            ys.map(() => undefined),
          );
        } finally {
          tf.dispose([...xs, ...ys]);
        }
        const batchLogs = every > 0 && (step + 1) % every === 0 ? await readLogs(state) : undefined;
        await settle(callbacks.onTrainBatchEnd(step, batchLogs));
        step++;
        if (model.stopTraining || step === args.batchesPerEpoch) break;
      }
      if (step === 0)
        throw new tf.ValueError(`${owner}: the dataset yielded no batches in epoch ${epoch}`);
      const bad = watch.take();
      if (bad !== undefined) {
        throw new tf.ValueError(
          `${owner}: batch ${bad} of epoch ${epoch} contains NaN or infinity in \`xs\` or \`ys\`; data must be finite`,
        );
      }
      logs = await readLogs(state);
      if (args.validationData && shouldValidate(freq, epoch)) {
        const topology = model.getTopology();
        Object.assign(
          logs,
          valTensors
            ? await evaluateHost(
                topology,
                state,
                valTensors,
                args.validationBatchSize ?? 32,
                'val_',
              )
            : await evaluateSource(owner, topology, state, args.validationData as FitDatasetSource),
        );
      }
      await settle(callbacks.onEpochEnd(epoch, logs));
    }
  } finally {
    watch.dispose();
  }
  await settle(callbacks.onTrainEnd(logs));
  return history;
}
