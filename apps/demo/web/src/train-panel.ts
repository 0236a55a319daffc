import type * as dd from 'dendrite';
import {
  MODEL_DEFAULTS,
  MODEL_NAMES,
  type ModelName,
  OPTIMIZER_NAMES,
  type OptimizerName,
} from '../../src/shared/models.js';
import { COLORS, drawLineChart, type Marker, type Series } from './charts.js';
import type { FashionData } from './data/load-data.js';
import { byId, fillSelect, find, formatMetric, setPageState } from './dom.js';
import { evaluateModel, probeText, showConfusion, showSamples } from './results.js';
import { downloadModel, hasSavedModel, loadFromBrowser, saveToBrowser } from './storage.js';
import { type EpochUpdate, type TrainSettings, train } from './trainer.js';

/** Keras logs accuracy as `accuracy` or `acc` depending on how it was asked for. */
const accuracyOf = (logs: Readonly<Record<string, readonly number[]>>, prefix = '') =>
  logs[`${prefix}accuracy`] ?? logs[`${prefix}acc`] ?? [];

function readSettings(form: HTMLFormElement, data: FashionData): TrainSettings {
  const values = new FormData(form);
  const number = (name: string) => Number(values.get(name));
  return {
    kind: values.get('kind') as ModelName,
    optimizer: values.get('optimizer') as OptimizerName,
    epochs: Math.max(1, Math.round(number('epochs'))),
    batchSize: Math.max(1, Math.round(number('batchSize'))),
    trainSize: Math.min(data.train.count, Math.max(100, Math.round(number('trainSize')))),
    earlyStopping: values.get('earlyStopping') === 'on',
    patience: Math.max(1, Math.round(number('patience'))),
    seed: 42,
  };
}

/** Draws the loss and accuracy charts from the history so far, with early-stopping markers. */
function drawCharts(history: Readonly<Record<string, readonly number[]>>, markers: Marker[]) {
  const series = (
    name: string,
    values: readonly number[],
    color: string,
    dashed = false,
  ): Series => ({
    name,
    values,
    color,
    dashed,
  });
  drawLineChart(byId('loss-chart'), {
    title: 'Loss per epoch',
    xLabel: 'epoch',
    yLabel: 'sparse categorical crossentropy',
    series: [
      series('train', history.loss ?? [], COLORS.train),
      series('validation', history.val_loss ?? [], COLORS.validation, true),
    ],
    markers,
  });
  drawLineChart(byId('accuracy-chart'), {
    title: 'Accuracy per epoch',
    xLabel: 'epoch',
    yLabel: 'accuracy',
    series: [
      series('train', accuracyOf(history), COLORS.train),
      series('validation', accuracyOf(history, 'val_'), COLORS.validation, true),
    ],
    markers,
  });
}

/**
 * Wires the "Train a classifier" section: settings, start/stop, live charts and metrics,
 * test-set results, and save/load/download of the trained model.
 */
export function setupTrainPanel(data: FashionData): void {
  const form = byId<HTMLFormElement>('train-form');
  const kind = find<HTMLSelectElement>(form, '[name=kind]');
  const optimizer = find<HTMLSelectElement>(form, '[name=optimizer]');
  const epochs = find<HTMLInputElement>(form, '[name=epochs]');
  const trainSize = find<HTMLInputElement>(form, '[name=trainSize]');
  const start = byId<HTMLButtonElement>('start');
  const save = byId<HTMLButtonElement>('save');
  const load = byId<HTMLButtonElement>('load');
  const download = byId<HTMLButtonElement>('download');
  /** Whether IndexedDB holds a model to load. */
  let saved = false;
  const status = byId('status');
  const storage = byId('storage-status');
  const progress = byId<HTMLProgressElement>('progress');

  fillSelect(kind, MODEL_NAMES, 'relu');
  fillSelect(optimizer, OPTIMIZER_NAMES, MODEL_DEFAULTS.relu.optimizer);
  trainSize.max = String(data.train.count);
  trainSize.value = String(Math.min(Number(trainSize.value), data.train.count));
  // Picking a model loads the text's settings for it; both stay editable.
  const applyDefaults = () => {
    const defaults = MODEL_DEFAULTS[kind.value as ModelName];
    byId('model-description').textContent = defaults.title;
    optimizer.value = defaults.optimizer;
    epochs.value = String(defaults.epochs);
  };
  applyDefaults();
  kind.addEventListener('change', applyDefaults);

  let model: dd.LayersModel | undefined;
  let running = false;
  let stopRequested = false;

  const showResults = async (current: dd.LayersModel) => {
    const evaluation = await evaluateModel(current, data.test);
    byId('m-test-accuracy').textContent = formatMetric(evaluation.accuracy);
    showConfusion(byId('confusion'), data.test, evaluation);
    showSamples(byId('samples'), data.test, evaluation, 16);
    byId('probe').textContent = probeText(evaluation.probe);
    return evaluation;
  };

  const onEpoch = (settings: TrainSettings) => (update: EpochUpdate) => {
    const { history, epoch } = update;
    const last = (values: readonly number[]) => values[values.length - 1];
    byId('m-epoch').textContent = `${epoch + 1} / ${settings.epochs}`;
    byId('m-loss').textContent = formatMetric(last(history.loss ?? []));
    byId('m-accuracy').textContent = formatMetric(last(accuracyOf(history)));
    byId('m-val-loss').textContent = formatMetric(last(history.val_loss ?? []));
    byId('m-val-accuracy').textContent = formatMetric(last(accuracyOf(history, 'val_')));
    drawCharts(history, []);
    // The numbers behind the charts, for tests and the curious (devtools).
    byId('train').dataset.history = JSON.stringify(history);
  };

  start.addEventListener('click', async () => {
    if (running) {
      stopRequested = true;
      start.disabled = true;
      status.textContent = 'Stopping after this batch…';
      return;
    }
    const settings = readSettings(form, data);
    running = true;
    stopRequested = false;
    setPageState('training');
    start.textContent = 'Stop';
    for (const button of [save, load, download]) button.disabled = true;
    progress.value = 0;
    status.textContent = `Training ${settings.kind} with ${settings.optimizer} on ${settings.trainSize} images…`;
    const began = performance.now();
    try {
      model?.dispose();
      model = undefined;
      const result = await train(data, settings, {
        onEpoch: onEpoch(settings),
        onProgress: (fraction) => {
          progress.value = fraction;
        },
        shouldStop: () => stopRequested,
      });
      model = result.model;
      const markers: Marker[] = [];
      if (result.stoppedEpoch !== undefined && result.bestEpoch !== undefined) {
        markers.push(
          { x: result.bestEpoch + 1, label: `best ${result.bestEpoch + 1}`, color: COLORS.second },
          {
            x: result.stoppedEpoch + 1,
            label: `early stop ${result.stoppedEpoch + 1}`,
            color: COLORS.marker,
          },
        );
      }
      drawCharts(result.history, markers);
      progress.value = 1;
      const seconds = ((performance.now() - began) / 1000).toFixed(1);
      const how = result.interrupted
        ? 'stopped by you'
        : result.stoppedEpoch !== undefined
          ? `early stopping at epoch ${result.stoppedEpoch + 1}, best weights from epoch ${(result.bestEpoch ?? 0) + 1} restored`
          : 'all epochs done';
      status.textContent = `Trained in ${seconds} s (${how}). Evaluating on ${data.test.count} test images…`;
      const evaluation = await showResults(model);
      status.textContent = `Trained in ${seconds} s (${how}); test accuracy ${(evaluation.accuracy * 100).toFixed(1)}%.`;
      setPageState('done');
    } catch (error) {
      status.textContent = `Training failed: ${error instanceof Error ? error.message : String(error)}`;
      setPageState('error');
      throw error;
    } finally {
      running = false;
      start.textContent = 'Start training';
      start.disabled = false;
      save.disabled = download.disabled = model === undefined;
      load.disabled = !saved;
    }
  });

  const guard = (action: () => Promise<string>) => async () => {
    storage.textContent = '…';
    try {
      storage.textContent = await action();
    } catch (error) {
      storage.textContent = `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  save.addEventListener(
    'click',
    guard(async () => {
      if (!model) return 'nothing to save';
      const bytes = await saveToBrowser(model);
      saved = true;
      load.disabled = false;
      return `saved to IndexedDB (${(bytes / 1024).toFixed(0)} KiB of weights)`;
    }),
  );
  load.addEventListener(
    'click',
    guard(async () => {
      const loaded = await loadFromBrowser();
      model?.dispose();
      model = loaded;
      save.disabled = download.disabled = false;
      const evaluation = await showResults(loaded);
      return `loaded from IndexedDB; test accuracy ${(evaluation.accuracy * 100).toFixed(1)}%`;
    }),
  );
  download.addEventListener(
    'click',
    guard(async () => {
      if (!model) return 'nothing to download';
      await downloadModel(model);
      return 'download started (model.json + weights)';
    }),
  );
  start.disabled = false;
  // "Load from browser" stays disabled until a model has been saved (now or on an earlier visit).
  load.disabled = true;
  void hasSavedModel().then((found) => {
    saved ||= found;
    load.disabled = !saved || running;
  });
}
