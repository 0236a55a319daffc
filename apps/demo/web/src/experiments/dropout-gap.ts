import * as dd from 'dendrite';
import { COLORS } from '../charts.js';
import { type FashionData, toTensors } from '../data/load-data.js';
import { type ExperimentUi, nextTick, responsive } from './experiment-ui.js';

const EPOCHS = 20;
const TRAIN = 1000;
const VALIDATION = 1000;

/** A wide ReLU network, with dropout after each hidden layer when `rate > 0`. */
export function wideModel(rate: number, seed = 11): dd.LayersModel {
  dd.setSeed(seed);
  const layers: dd.layers.Layer[] = [dd.layers.flatten({ inputShape: [28, 28] })];
  for (const units of [256, 256]) {
    layers.push(dd.layers.dense({ units, activation: 'relu' }));
    if (rate > 0) layers.push(dd.layers.dropout({ rate }));
  }
  layers.push(dd.layers.dense({ units: 10, activation: 'softmax' }));
  const model = dd.sequential({ layers });
  model.compile({
    optimizer: dd.optimizers.adam({ learningRate: 0.001 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

const accuracy = (logs: Record<string, number[]>, prefix = '') =>
  logs[`${prefix}accuracy`] ?? logs[`${prefix}acc`] ?? [];

/**
 * Dropout: the same wide network with and without dropout 0.5, trained epoch by epoch side by
 * side on 1,000 images; the charts shade the gap between train and validation accuracy.
 */
export async function runDropoutGap(data: FashionData, ui: ExperimentUi): Promise<void> {
  const train = toTensors(data.train, Math.min(TRAIN, data.train.count));
  const validation = toTensors(data.test, Math.min(VALIDATION, data.test.count));
  const runs = [
    { label: 'no dropout', model: wideModel(0), logs: {} as Record<string, number[]> },
    { label: 'dropout 0.5', model: wideModel(0.5), logs: {} as Record<string, number[]> },
  ];
  const draw = () => {
    // One y scale for both charts, so the two gaps compare by eye.
    const all = runs.flatMap((run) => [...accuracy(run.logs), ...accuracy(run.logs, 'val_')]);
    const yRange = [Math.min(...all), Math.max(...all)] as const;
    for (const [i, run] of runs.entries()) {
      (i === 0 ? ui.chartA : ui.chartB)({
        title: `Accuracy, ${run.label}`,
        xLabel: 'epoch',
        yLabel: 'accuracy',
        series: [
          { name: 'train', values: accuracy(run.logs), color: COLORS.train },
          {
            name: 'validation',
            values: accuracy(run.logs, 'val_'),
            color: COLORS.validation,
            dashed: true,
          },
        ],
        gap: [0, 1],
        yRange,
      });
    }
  };
  const gap = (logs: Record<string, number[]>) => {
    const t = accuracy(logs);
    const v = accuracy(logs, 'val_');
    return ((t[t.length - 1] ?? 0) - (v[v.length - 1] ?? 0)) * 100;
  };
  try {
    for (let epoch = 0; epoch < EPOCHS && !ui.stopped(); epoch++) {
      for (const run of runs) {
        const history = await run.model.fit(train.x, train.y, {
          epochs: epoch + 1,
          initialEpoch: epoch,
          batchSize: 32,
          validationData: [validation.x, validation.y],
          verbose: 0,
          callbacks: [responsive(run.model, ui)],
        });
        for (const [name, values] of Object.entries(history.history)) {
          run.logs[name] = [...(run.logs[name] ?? []), ...values];
        }
        await nextTick();
      }
      draw();
      ui.status(
        `Epoch ${epoch + 1}/${EPOCHS}: train − validation accuracy gap ${gap(runs[0]!.logs).toFixed(1)} points without dropout, ${gap(runs[1]!.logs).toFixed(1)} with.`,
      );
    }
  } finally {
    dd.dispose([train.x, train.y, validation.x, validation.y]);
    for (const run of runs) run.model.dispose();
  }
}
