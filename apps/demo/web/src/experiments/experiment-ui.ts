import * as dd from 'dendrite';
import { drawLineChart, type LineChartOptions } from '../charts.js';
import { find } from '../dom.js';

/** The widgets of one experiment card: its button, status line and up to two charts. */
export interface ExperimentUi {
  status(text: string): void;
  chartA(options: LineChartOptions): void;
  chartB(options: LineChartOptions): void;
  /** True once the user pressed Stop; the experiment ends at its next check. */
  stopped(): boolean;
}

/** Yields to the page so it can paint between epochs. */
export const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A callback that keeps the page responsive during `fit` (yields every 4 batches, no device
 * sync) and stops `model` once the user pressed Stop.
 */
export function responsive(model: dd.LayersModel, ui: ExperimentUi): dd.callbacks.Callback {
  return dd.callbacks.lambdaCallback({
    onTrainBatchEnd: (batch) => {
      if (ui.stopped()) model.stopTraining = true;
      return batch % 4 === 3 ? nextTick() : undefined;
    },
    batchLogsEvery: 0,
  });
}

/**
 * Turns `<article id>` into a runnable experiment: its button starts `run` (and becomes a Stop
 * button meanwhile), errors land in the status line.
 */
export function bindExperiment(id: string, run: (ui: ExperimentUi) => Promise<void>): void {
  const article = find(document, `#${id}`);
  const button = find<HTMLButtonElement>(article, 'button');
  const status = find(article, '.exp-status');
  let running = false;
  let stopRequested = false;
  const ui: ExperimentUi = {
    status: (text) => {
      status.textContent = text;
    },
    chartA: (options) => drawLineChart(find(article, '.exp-chart-a'), options),
    chartB: (options) => drawLineChart(find(article, '.exp-chart-b'), options),
    stopped: () => stopRequested,
  };
  button.addEventListener('click', async () => {
    if (running) {
      stopRequested = true;
      button.disabled = true;
      return;
    }
    running = true;
    stopRequested = false;
    button.textContent = 'Stop';
    article.dataset.state = 'running';
    try {
      await run(ui);
      article.dataset.state = 'done';
    } catch (error) {
      ui.status(`failed: ${error instanceof Error ? error.message : String(error)}`);
      article.dataset.state = 'error';
      console.error(error);
    } finally {
      running = false;
      button.textContent = 'Run again';
      button.disabled = false;
    }
  });
}
