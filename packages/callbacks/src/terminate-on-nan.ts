import { Callback } from './callback.js';
import type { Logs } from './training-model.js';

/** Configuration of {@link TerminateOnNaN}. */
export interface TerminateOnNaNArgs {
  /**
   * Ask for batch logs every N batches, to catch a NaN loss mid-epoch; 0 checks only the batch
   * logs other callbacks ask for and each epoch's loss.
   * @defaultValue 0
   */
  batchLogsEvery?: number;
  /** Where the message goes. @defaultValue console.log */
  write?: (text: string) => void;
}

/**
 * Stops training as soon as the loss is NaN or infinite (Keras `TerminateOnNaN`): checked on
 * every batch whose logs carry `loss`, and at each epoch end.
 * @example terminateOnNaN({ batchLogsEvery: 10 })
 */
export class TerminateOnNaN extends Callback {
  private readonly write: (text: string) => void;

  constructor(args: TerminateOnNaNArgs = {}) {
    super();
    this.batchLogsEvery = args.batchLogsEvery ?? 0;
    this.write = args.write ?? ((text) => console.log(text));
  }

  /**
   * It acts only on batches that carry logs, and a group of batches ends at each of those: it
   * sees the same batches whether `fit` groups them or not (unless a subclass has hooks of its
   * own).
   */
  override get watchesEachTrainBatch(): boolean {
    return this.batchHooksDifferFrom(TerminateOnNaN.prototype);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.check(logs, `Batch ${batch}`);
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    this.check(logs, `Epoch ${epoch + 1}`);
  }

  private check(logs: Logs | undefined, where: string): void {
    const loss = logs?.loss;
    if (loss === undefined || Number.isFinite(loss) || !this.model) return;
    if (!this.model.stopTraining) this.write(`${where}: Invalid loss, terminating training`);
    this.model.stopTraining = true;
  }
}

/**
 * Creates a {@link TerminateOnNaN} callback.
 * @example await model.fit(x, y, { callbacks: [terminateOnNaN()] });
 */
export function terminateOnNaN(args: TerminateOnNaNArgs = {}): TerminateOnNaN {
  return new TerminateOnNaN(args);
}
