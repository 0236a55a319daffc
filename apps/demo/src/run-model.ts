import { resolve } from 'node:path';
import * as dd from 'dendrite';
import type { CheckpointFormat } from './args.js';
import { formatTable } from './console-table.js';
import type { DemoData } from './data/load-data.js';
import type { PreparedData } from './data/prepare.js';
import { confusionMatrix, confusionMatrixSvg } from './report/confusion-matrix.js';
import { trainValidationChart } from './report/curves.js';
import type { ReportSection } from './report/html.js';
import { imageGridSvg, type LabeledImage } from './report/image-grid.js';
import type { Marker } from './report/svg-chart.js';
import { writeReport } from './report/write-report.js';
import { epochRows, historyLogs, type StoppingSummary, stoppingSummary } from './shared/history.js';
import {
  buildModel,
  compileModel,
  MODEL_DEFAULTS,
  type ModelName,
  type OptimizerName,
} from './shared/models.js';
import { accuracyOf, predictClasses } from './shared/predictions.js';

/** Settings of one training run of the demo. */
export interface RunModelOptions {
  readonly model: ModelName;
  readonly optimizer: OptimizerName;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Report folder. */
  readonly out: string;
  /** Format of the dropout model's best checkpoint. @defaultValue 'tfjs' */
  readonly checkpoint?: CheckpointFormat;
  /** 0 silent, 1 live progress bar, 2 one line per epoch. @defaultValue 1 */
  readonly verbose?: 0 | 1 | 2;
  /** Where text goes. @defaultValue console.log */
  readonly log?: (line: string) => void;
}

/** The numbers a run produced (also written to `metrics.json`). */
export interface RunModelResult {
  readonly model: ModelName;
  readonly optimizer: OptimizerName;
  readonly logs: Record<string, number[]>;
  readonly stopping: StoppingSummary | undefined;
  readonly test: { readonly loss: number; readonly accuracy: number };
  /** Test accuracy of the checkpoint reloaded from disk (dropout model). */
  readonly checkpointAccuracy: number | undefined;
  readonly confusion: number[][];
  readonly files: string[];
}

const GRID_IMAGES = 32;

/** Trains one of the text's models, prints its progress and writes the report folder. */
export async function runModel(
  data: PreparedData,
  raw: DemoData,
  options: RunModelOptions,
): Promise<RunModelResult> {
  const log = options.log ?? console.log;
  dd.setSeed(options.seed);
  const model = buildModel(options.model);
  compileModel(model, options.optimizer);
  model.summary(undefined, undefined, log);
  log(
    `Training ${MODEL_DEFAULTS[options.model].title} with ${options.optimizer} on ${data.xTrain.shape[0]} images (validation ${data.xValid.shape[0]}), ${options.epochs} epochs, batch ${options.batchSize}`,
  );

  const callbacks: dd.callbacks.Callback[] = [];
  let stopper: dd.callbacks.EarlyStopping | undefined;
  const keras = options.checkpoint === 'keras';
  const checkpointDir = resolve(options.out, keras ? 'best-model.keras' : 'best-model');
  if (options.model === 'dropout') {
    // As the text: ModelCheckpoint('best-model.keras', save_best_only=True).
    callbacks.push(
      dd.callbacks.modelCheckpoint({
        filepath: keras ? checkpointDir : `file://${checkpointDir}`,
        saveBestOnly: true,
      }),
    );
    stopper = dd.callbacks.earlyStopping({ patience: 2, restoreBestWeights: true });
    callbacks.push(stopper);
  }
  const history = await model.fit(data.xTrain, data.yTrain, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    validationData: [data.xValid, data.yValid],
    callbacks,
    verbose: options.verbose ?? 1,
  });
  const logs = historyLogs(history);
  const table = epochRows(logs);
  log('');
  log(formatTable(table.header, table.rows));
  const stopping = stopper ? stoppingSummary(stopper, logs, options.epochs) : undefined;
  if (stopping) log(`Early stopping: ${stopping.text}`);

  const evaluation = await model.evaluate(data.xTest, data.yTest, { verbose: 0 });
  const test = { loss: evaluation.loss as number, accuracy: evaluation.accuracy as number };
  log(
    `Test (${data.xTest.shape[0]} images)${stopping ? ', restored best model' : ''}: loss ${test.loss.toFixed(4)}, accuracy ${test.accuracy.toFixed(4)}`,
  );
  let checkpointAccuracy: number | undefined;
  if (options.model === 'dropout') {
    // A .keras file comes back compiled, as keras.models.load_model does.
    const reloaded = await dd.loadModel(
      keras ? checkpointDir : `file://${checkpointDir}/model.json`,
    );
    if (!reloaded.isCompiled) {
      reloaded.compile({
        optimizer: 'sgd',
        loss: 'sparse_categorical_crossentropy',
        metrics: ['accuracy'],
      });
    }
    checkpointAccuracy = (await reloaded.evaluate(data.xTest, data.yTest, { verbose: 0 })).accuracy;
    reloaded.dispose();
    log(
      `Checkpoint ${checkpointDir} reloaded from disk: test accuracy ${checkpointAccuracy?.toFixed(4)}`,
    );
  }

  const { predicted, confidence } = await predictClasses(model, data.xTest);
  const actual = raw.test.labels.subarray(0, predicted.length);
  const confusion = confusionMatrix(actual, predicted, raw.classNames.length);
  const images: LabeledImage[] = Array.from(
    { length: Math.min(GRID_IMAGES, predicted.length) },
    (_, i) => ({
      pixels: raw.test.images.subarray(i * 784, (i + 1) * 784),
      actual: actual[i] as number,
      predicted: predicted[i] as number,
      confidence: confidence[i] as number,
    }),
  );
  model.dispose();

  const markers: Marker[] = stopping
    ? [
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
      ]
    : [];
  const svgs = {
    'loss.svg': trainValidationChart(logs, 'loss', { markers }),
    'accuracy.svg': trainValidationChart(logs, 'accuracy', { markers }),
    'confusion-matrix.svg': confusionMatrixSvg(confusion, raw.classNames),
    'test-images.svg': imageGridSvg(images, raw.classNames),
  };
  const sections: ReportSection[] = [
    {
      title: 'Setup',
      text: [
        `Model: ${MODEL_DEFAULTS[options.model].title}; optimizer ${options.optimizer}; batch size ${options.batchSize}; seed ${options.seed}.`,
        `Data: ${raw.source}${raw.fallback ? ' (fallback copy)' : ''}; ${data.xTrain.shape[0]} training, ${data.xValid.shape[0]} validation, ${data.xTest.shape[0]} test images.`,
      ],
    },
    { title: 'Epochs', table, ...(stopping ? { text: [stopping.text] } : {}) },
    { title: 'Learning curves', figures: [svgs['loss.svg'], svgs['accuracy.svg']] },
    {
      title: 'Test set',
      text: [
        `Test loss ${test.loss.toFixed(4)}, accuracy ${test.accuracy.toFixed(4)}${stopping ? ' (restored best weights)' : ''}.`,
        ...(checkpointAccuracy === undefined
          ? []
          : [
              `The best checkpoint reloaded from ${checkpointDir}: accuracy ${checkpointAccuracy.toFixed(4)}.`,
            ]),
        `Accuracy over the grid's ${images.length} images: ${accuracyOf(
          images.map((i) => i.actual),
          images.map((i) => i.predicted),
        ).toFixed(3)}.`,
      ],
      figures: [svgs['confusion-matrix.svg'], svgs['test-images.svg']],
    },
  ];
  const metrics = {
    model: options.model,
    optimizer: options.optimizer,
    epochs: options.epochs,
    logs,
    stopping,
    test,
    checkpointAccuracy,
    confusion,
  };
  const files = await writeReport(
    options.out,
    `Fashion-MNIST: ${options.model} model`,
    sections,
    svgs,
    metrics,
  );
  log(`Report: ${resolve(options.out, 'report.html')}`);
  return {
    model: options.model,
    optimizer: options.optimizer,
    logs,
    stopping,
    test,
    checkpointAccuracy,
    confusion,
    files,
  };
}
