import * as dd from 'dendrite';
import { COLORS, type Marker } from '../charts.js';
import { type FashionData, toTensors } from '../data/load-data.js';
import { wideModel } from './dropout-gap.js';
import { type ExperimentUi, nextTick, responsive } from './experiment-ui.js';

const MAX_EPOCHS = 40;
const PATIENCE = 4;

/**
 * Early stopping: a wide network on 1,000 images for up to 40 epochs, watching `val_loss` with
 * patience 4 and restoring the best weights; the chart marks the best and the stop epochs.
 */
export async function runEarlyStopping(data: FashionData, ui: ExperimentUi): Promise<void> {
  const train = toTensors(data.train, Math.min(1000, data.train.count));
  const validation = toTensors(data.test, Math.min(1000, data.test.count));
  const model = wideModel(0, 13);
  const stopper = dd.callbacks.earlyStopping({
    monitor: 'val_loss',
    patience: PATIENCE,
    restoreBestWeights: true,
  });
  const loss: number[] = [];
  const valLoss: number[] = [];
  const draw = (markers: Marker[]) =>
    ui.chartA({
      title: `Loss, early stopping on val_loss (patience ${PATIENCE})`,
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [
        { name: 'train', values: loss, color: COLORS.train },
        { name: 'validation', values: valLoss, color: COLORS.validation, dashed: true },
      ],
      markers,
    });
  const best = () => valLoss.indexOf(Math.min(...valLoss));
  const live = dd.callbacks.lambdaCallback({
    onEpochEnd: (epoch, logs = {}) => {
      loss.push(logs.loss ?? Number.NaN);
      valLoss.push(logs.val_loss ?? Number.NaN);
      draw([{ x: best() + 1, label: `best so far ${best() + 1}`, color: COLORS.second }]);
      ui.status(
        `Epoch ${epoch + 1}: val_loss ${valLoss[epoch]!.toFixed(4)}, best ${valLoss[best()]!.toFixed(4)} at epoch ${best() + 1}`,
      );
      return nextTick();
    },
  });
  try {
    await model.fit(train.x, train.y, {
      epochs: MAX_EPOCHS,
      batchSize: 32,
      validationData: [validation.x, validation.y],
      callbacks: [live, stopper, responsive(model, ui)],
      verbose: 0,
    });
    const stopped = stopper.stoppedEpoch > 0 ? stopper.stoppedEpoch : undefined;
    draw([
      {
        x: stopper.bestEpoch + 1,
        label: `best epoch ${stopper.bestEpoch + 1}`,
        color: COLORS.second,
      },
      ...(stopped !== undefined
        ? [{ x: stopped + 1, label: `stopped at ${stopped + 1}`, color: COLORS.marker }]
        : []),
    ]);
    ui.status(
      stopped !== undefined
        ? `Stopped at epoch ${stopped + 1}, ${PATIENCE} epochs after the best (${stopper.bestEpoch + 1}, val_loss ${valLoss[stopper.bestEpoch]!.toFixed(4)}); its weights were restored.`
        : `Ran all ${loss.length} epochs; best val_loss at epoch ${stopper.bestEpoch + 1}.`,
    );
  } finally {
    stopper.dispose();
    dd.dispose([train.x, train.y, validation.x, validation.y]);
    model.dispose();
  }
}
