import type * as dd from 'dendrite';

/** A finished run's per-epoch numbers, keyed like Keras logs (`loss`, `val_accuracy`, ...). */
export type EpochLogs = Readonly<Record<string, readonly number[]>>;

/** The numbers of a `fit` as plain arrays. */
export function historyLogs(history: dd.History): Record<string, number[]> {
  return Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, [...v]]));
}

/** Rows `[epoch, loss, accuracy, val_loss, val_accuracy]` (1-based epochs) for a table. */
export function epochRows(
  logs: EpochLogs,
  keys: readonly string[] = ['loss', 'accuracy', 'val_loss', 'val_accuracy'],
): { header: string[]; rows: (string | number)[][] } {
  const present = keys.filter((k) => logs[k] !== undefined);
  const epochs = Math.max(0, ...present.map((k) => logs[k]?.length ?? 0));
  const rows = Array.from({ length: epochs }, (_, e) => [
    e + 1,
    ...present.map((k) => {
      const value = logs[k]?.[e];
      return value === undefined ? '' : value.toFixed(4);
    }),
  ]);
  return { header: ['epoch', ...present], rows };
}

/** What early stopping decided, 1-based epochs as Keras prints them. */
export interface StoppingSummary {
  /** Epoch with the best monitored value (the weights restored). */
  readonly bestEpoch: number;
  /** Epoch after which training stopped early; `undefined` when it ran to the end. */
  readonly stoppedEpoch: number | undefined;
  /** Epochs actually run. */
  readonly epochsRun: number;
  /** The best monitored value. */
  readonly best: number;
  /** One sentence for the console and the report. */
  readonly text: string;
}

/** Summarizes an EarlyStopping callback after `fit`. */
export function stoppingSummary(
  callback: dd.callbacks.EarlyStopping,
  logs: EpochLogs,
  plannedEpochs: number,
): StoppingSummary {
  const monitored = logs[callback.monitor] ?? [];
  const epochsRun = monitored.length;
  const bestEpoch = callback.bestEpoch + 1;
  const stoppedEpoch = callback.stoppedEpoch > 0 ? callback.stoppedEpoch + 1 : undefined;
  const best = monitored[callback.bestEpoch] ?? Number.NaN;
  const text =
    stoppedEpoch === undefined
      ? `Ran all ${plannedEpochs} epochs; best ${callback.monitor} ${best.toFixed(4)} at epoch ${bestEpoch}${callback.restoreBestWeights ? ' (weights restored)' : ''}.`
      : `Stopped after epoch ${stoppedEpoch} of ${plannedEpochs}: ${callback.monitor} did not improve for ${callback.patience} epochs; best ${best.toFixed(4)} at epoch ${bestEpoch}${callback.restoreBestWeights ? ', whose weights were restored' : ''}.`;
  return { bestEpoch, stoppedEpoch, epochsRun, best, text };
}
