import { resolve } from 'node:path';
import * as dd from 'dendrite';
import { formatTable } from '../console-table.js';
import { sharedRange, trainValidationChart } from '../report/curves.js';
import { writeReport } from '../report/write-report.js';
import { historyLogs } from '../shared/history.js';
import { buildModel, compileModel } from '../shared/models.js';
import type { ExperimentContext, ExperimentResult } from './context.js';

/** One of the two runs: without (`relu`) or with (`dropout`) Dropout(0.3). */
export interface DropoutRun {
  readonly model: 'relu' | 'dropout';
  readonly logs: Record<string, number[]>;
  /** `val_loss − loss` at each epoch. */
  readonly gap: number[];
  /** Mean gap over the last three epochs. */
  readonly finalGap: number;
  readonly testAccuracy: number;
}

/** The dropout experiment's numbers. */
export interface DropoutMetrics {
  readonly epochs: number;
  readonly runs: [DropoutRun, DropoutRun];
}

/** `values[e]` with 4 decimals, or '' when missing. */
function fixed(values: readonly number[] | undefined, e: number): string {
  const value = values?.[e];
  return value === undefined ? '' : value.toFixed(4);
}

function tailMean(values: readonly number[], count: number): number {
  const tail = values.slice(-count);
  return tail.reduce((a, b) => a + b, 0) / tail.length;
}

/**
 * Dropout as a regularizer: the 100-unit ReLU model trained the same number of epochs without
 * and with Dropout(0.3) (Adam, same seed). Without it the validation loss drifts above the
 * training loss; with it the gap stays small.
 */
export async function runDropout(
  context: ExperimentContext,
): Promise<ExperimentResult<DropoutMetrics>> {
  const { data, options, log } = context;
  const epochs = options.epochsGiven ? options.epochs : 20;
  const runs: DropoutRun[] = [];
  for (const name of ['relu', 'dropout'] as const) {
    dd.setSeed(options.seed);
    const model = buildModel(name);
    compileModel(model, 'adam');
    log(`${name === 'relu' ? 'Without' : 'With'} dropout: ${epochs} epochs with Adam`);
    const history = await model.fit(data.xTrain, data.yTrain, {
      epochs,
      batchSize: options.batchSize,
      validationData: [data.xValid, data.yValid],
      verbose: options.verbose,
    });
    const test = await model.evaluate(data.xTest, data.yTest, { verbose: 0 });
    model.dispose();
    const logs = historyLogs(history);
    const gap = (logs.val_loss ?? []).map((v, i) => v - (logs.loss?.[i] as number));
    runs.push({
      model: name,
      logs,
      gap,
      finalGap: tailMean(gap, 3),
      testAccuracy: test.accuracy as number,
    });
  }
  const [plain, dropped] = runs as [DropoutRun, DropoutRun];
  const header = [
    'epoch',
    'loss',
    'val_loss',
    'gap',
    'loss (dropout)',
    'val_loss (dropout)',
    'gap (dropout)',
  ];
  const rows = plain.gap.map((g, e) => [
    e + 1,
    fixed(plain.logs.loss, e),
    fixed(plain.logs.val_loss, e),
    g.toFixed(4),
    fixed(dropped.logs.loss, e),
    fixed(dropped.logs.val_loss, e),
    (dropped.gap[e] as number).toFixed(4),
  ]);
  log(formatTable(header, rows));
  const summary = `Validation − training loss over the last 3 epochs: ${plain.finalGap.toFixed(4)} without dropout, ${dropped.finalGap.toFixed(4)} with Dropout(0.3). Test accuracy ${plain.testAccuracy.toFixed(4)} vs ${dropped.testAccuracy.toFixed(4)}.`;
  log(summary);
  // One y scale for both charts, so the two gaps compare by eye.
  const yRange = sharedRange([plain.logs, dropped.logs], 'loss');
  const svgs = {
    'loss-without-dropout.svg': trainValidationChart(plain.logs, 'loss', {
      title: 'Without dropout: train vs validation loss',
      gap: true,
      yRange,
    }),
    'loss-with-dropout.svg': trainValidationChart(dropped.logs, 'loss', {
      title: 'With Dropout(0.3): train vs validation loss',
      gap: true,
      yRange,
    }),
  };
  const metrics: DropoutMetrics = { epochs, runs: [plain, dropped] };
  const files = await writeReport(
    options.out,
    'Dropout: the generalization gap with and without Dropout(0.3)',
    [
      {
        title: 'Setup',
        text: [
          `Flatten → Dense(100, relu) → Dense(10, softmax), and the same with Dropout(0.3) after the hidden layer; Adam, ${epochs} epochs, batch ${options.batchSize}, seed ${options.seed}, ${data.xTrain.shape[0]} training images.`,
          'The training loss is measured with dropout active (as Keras reports it), the validation loss without.',
        ],
      },
      { title: 'Gap', text: [summary], table: { header, rows } },
      { title: 'Curves (gap shaded)', figures: Object.values(svgs) },
    ],
    svgs,
    metrics,
  );
  log(`Report: ${resolve(options.out, 'report.html')}`);
  return { metrics, files };
}
