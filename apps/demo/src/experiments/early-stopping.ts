import { resolve } from 'node:path';
import * as dd from 'dendrite';
import { formatTable } from '../console-table.js';
import { trainValidationChart } from '../report/curves.js';
import type { Marker } from '../report/svg-chart.js';
import { writeReport } from '../report/write-report.js';
import {
  epochRows,
  historyLogs,
  type StoppingSummary,
  stoppingSummary,
} from '../shared/history.js';
import { buildModel, compileModel } from '../shared/models.js';
import { WeightSnapshots } from '../shared/weight-snapshots.js';
import type { ExperimentContext, ExperimentResult } from './context.js';

/** The early-stopping experiment's numbers. */
export interface EarlyStoppingMetrics {
  readonly plannedEpochs: number;
  readonly logs: Record<string, number[]>;
  readonly stopping: StoppingSummary;
  /** Test accuracy of the model as `fit` left it (best weights restored). */
  readonly restoredAccuracy: number;
  /** Test accuracy with the weights of the last epoch run. */
  readonly lastEpochAccuracy: number;
  /** Test accuracy of the best checkpoint reloaded from disk. */
  readonly checkpointAccuracy: number;
  /** Largest |restored − best-epoch snapshot| over all weights (0 when restored exactly). */
  readonly restoredVsBestMaxDiff: number;
  /** Largest |checkpoint − best-epoch snapshot| over all weights. */
  readonly checkpointVsBestMaxDiff: number;
}

async function maxAbsDiff(
  weights: dd.Tensor[],
  reference: readonly Float32Array[],
): Promise<number> {
  let worst = 0;
  for (const [i, w] of weights.entries()) {
    const values = await w.data();
    const ref = reference[i] as Float32Array;
    if (values.length !== ref.length) return Number.POSITIVE_INFINITY;
    for (let k = 0; k < ref.length; k++) {
      worst = Math.max(worst, Math.abs((values[k] as number) - (ref[k] as number)));
    }
  }
  return worst;
}

async function testAccuracy(model: dd.LayersModel, x: dd.Tensor, y: dd.Tensor): Promise<number> {
  return (await model.evaluate(x, y, { verbose: 0 })).accuracy as number;
}

/**
 * Early stopping: the dropout model with EarlyStopping(patience 2, restoreBestWeights) and
 * ModelCheckpoint(saveBestOnly), watching `val_loss`. Reports the best and the stopping epoch, and
 * compares the restored model with the last epoch's weights and with the reloaded checkpoint.
 */
export async function runEarlyStopping(
  context: ExperimentContext,
): Promise<ExperimentResult<EarlyStoppingMetrics>> {
  const { data, options, log } = context;
  const plannedEpochs = options.epochsGiven ? options.epochs : 20;
  dd.setSeed(options.seed);
  const model = buildModel('dropout');
  compileModel(model, 'adam');
  const checkpointDir = resolve(options.out, 'best-model');
  const stopper = dd.callbacks.earlyStopping({ patience: 2, restoreBestWeights: true });
  const snapshots = new WeightSnapshots();
  log(`Dropout model, Adam, up to ${plannedEpochs} epochs; EarlyStopping(patience 2) on val_loss`);
  const history = await model.fit(data.xTrain, data.yTrain, {
    epochs: plannedEpochs,
    batchSize: options.batchSize,
    validationData: [data.xValid, data.yValid],
    verbose: options.verbose,
    // Snapshots first: they see each epoch's weights before EarlyStopping acts on them.
    callbacks: [
      snapshots,
      dd.callbacks.modelCheckpoint({ filepath: `file://${checkpointDir}`, saveBestOnly: true }),
      stopper,
    ],
  });
  const logs = historyLogs(history);
  const stopping = stoppingSummary(stopper, logs, plannedEpochs);
  const table = epochRows(logs);
  log(formatTable(table.header, table.rows));
  log(`Early stopping: ${stopping.text}`);

  const best = snapshots.epochs[stopping.bestEpoch - 1] as Float32Array[];
  const restored = model.getWeights();
  const restoredVsBestMaxDiff = await maxAbsDiff(restored, best);
  dd.dispose(restored);
  const restoredAccuracy = await testAccuracy(model, data.xTest, data.yTest);

  const last = snapshots.tensorsAt(stopping.epochsRun - 1);
  model.setWeights(last);
  dd.dispose(last);
  const lastEpochAccuracy = await testAccuracy(model, data.xTest, data.yTest);
  model.dispose();

  const reloaded = await dd.loadModel(`file://${checkpointDir}/model.json`);
  const saved = reloaded.getWeights();
  const checkpointVsBestMaxDiff = await maxAbsDiff(saved, best);
  dd.dispose(saved);
  reloaded.compile({
    optimizer: 'sgd',
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
  });
  const checkpointAccuracy = await testAccuracy(reloaded, data.xTest, data.yTest);
  reloaded.dispose();

  const comparison = `Test accuracy: restored best model (epoch ${stopping.bestEpoch}) ${restoredAccuracy.toFixed(4)}, last epoch (${stopping.epochsRun}) ${lastEpochAccuracy.toFixed(4)}, checkpoint reloaded from disk ${checkpointAccuracy.toFixed(4)}.`;
  const weightsCheck = `Restored weights vs best epoch's: max |difference| ${restoredVsBestMaxDiff.toExponential(1)}; checkpoint vs best epoch's: ${checkpointVsBestMaxDiff.toExponential(1)}.`;
  log(comparison);
  log(weightsCheck);

  const markers: Marker[] = [
    { x: stopping.bestEpoch, label: `best epoch ${stopping.bestEpoch}`, color: '#2ca02c' },
    ...(stopping.stoppedEpoch === undefined
      ? []
      : [
          {
            x: stopping.stoppedEpoch,
            label: `stopped after ${stopping.stoppedEpoch}`,
            color: '#d62728',
          },
        ]),
  ];
  const svgs = {
    'loss.svg': trainValidationChart(logs, 'loss', { markers }),
    'accuracy.svg': trainValidationChart(logs, 'accuracy', { markers }),
  };
  const metrics: EarlyStoppingMetrics = {
    plannedEpochs,
    logs,
    stopping,
    restoredAccuracy,
    lastEpochAccuracy,
    checkpointAccuracy,
    restoredVsBestMaxDiff,
    checkpointVsBestMaxDiff,
  };
  const files = await writeReport(
    options.out,
    'Early stopping with best-weight restoration',
    [
      {
        title: 'Setup',
        text: [
          `Flatten → Dense(100, relu) → Dropout(0.3) → Dense(10, softmax), Adam, up to ${plannedEpochs} epochs, batch ${options.batchSize}, seed ${options.seed}; EarlyStopping(monitor val_loss, patience 2, restoreBestWeights) and ModelCheckpoint(saveBestOnly) into ${checkpointDir}.`,
        ],
      },
      { title: 'Decision', text: [stopping.text, comparison, weightsCheck], table },
      { title: 'Curves', figures: Object.values(svgs) },
    ],
    svgs,
    metrics,
  );
  log(`Report: ${resolve(options.out, 'report.html')}`);
  return { metrics, files };
}
