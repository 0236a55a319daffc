import { Callback } from './callback.js';
import type { Logs } from './training-model.js';

/**
 * Records every epoch's logs (Keras `History`); `fit` always adds one and returns it.
 * @example const history = await model.fit(x, y, { epochs: 3 }); history.history.loss // [0.9, 0.5, 0.3]
 */
export class History extends Callback {
  /** The 0-based epochs run by the latest `fit`. */
  epoch: number[] = [];
  /** Each log name's values, one per recorded epoch. */
  history: Record<string, number[]> = {};

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs ?? {})) {
      let values = this.history[key];
      if (!values) {
        values = [];
        this.history[key] = values;
      }
      values.push(value);
    }
  }
}
