import { appendFile, mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Callback } from '../callback.js';
import { checkFrequency } from '../frequency.js';
import {
  encodeFileVersionEvent,
  encodeScalarEvent,
  frameRecord,
} from '../tensorboard/event-encoding.js';
import type { Logs } from '../training-model.js';

/** Configuration of {@link TensorBoard}. */
export interface TensorBoardArgs {
  /** Directory of the run; scalars go to `logDir/train` and `logDir/validation`. @defaultValue 'logs' */
  logDir?: string;
  /**
   * `'epoch'` writes `epoch_*` scalars once per epoch; a number also writes `batch_*` scalars
   * every that many batches (step = batches seen since `fit` began).
   * @defaultValue 'epoch'
   */
  updateFreq?: 'epoch' | number;
}

class EventFile {
  private pending: Uint8Array[] = [];
  path: string | undefined;

  constructor(private readonly dir: string) {}

  add(record: Uint8Array): void {
    this.pending.push(frameRecord(record));
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    if (this.path === undefined) {
      await mkdir(this.dir, { recursive: true });
      const seconds = Math.floor(Date.now() / 1000);
      this.path = join(this.dir, `events.out.tfevents.${seconds}.${hostname()}`);
      chunks.unshift(frameRecord(encodeFileVersionEvent(Date.now() / 1000)));
    }
    await appendFile(this.path, Buffer.concat(chunks));
  }
}

/**
 * Writes TensorBoard event files (Keras `TensorBoard`, scalars only): `epoch_loss`,
 * `epoch_accuracy`, ... at step = epoch in `logDir/train`, and the `val_` logs under the same tags
 * in `logDir/validation`. Files are written by hand (TFRecord framing, CRC-32C, `Event` protobufs).
 * @example await model.fit(x, y, { epochs: 10, callbacks: [tensorBoard({ logDir: 'runs/1' })] });
 */
export class TensorBoard extends Callback {
  /** The run directory. */
  readonly logDir: string;
  /** Update frequency. */
  readonly updateFreq: 'epoch' | number;
  private train: EventFile | undefined;
  private validation: EventFile | undefined;
  private globalBatch = 0;
  private lastBatchWrite = 0;

  constructor(args: TensorBoardArgs = {}) {
    super();
    this.logDir = args.logDir ?? 'logs';
    const updateFreq = checkFrequency('TensorBoard', 'updateFreq', args.updateFreq);
    if (updateFreq !== 'epoch') this.batchLogsEvery = updateFreq;
    this.updateFreq = updateFreq;
  }

  /** Path of the training event file, once written. */
  get trainFile(): string | undefined {
    return this.train?.path;
  }

  /** Path of the validation event file, once written. */
  get validationFile(): string | undefined {
    return this.validation?.path;
  }

  override onTrainBegin(): void {
    this.train = new EventFile(join(this.logDir, 'train'));
    this.validation = new EventFile(join(this.logDir, 'validation'));
    this.globalBatch = 0;
    this.lastBatchWrite = 0;
  }

  override onTrainBatchEnd(_batch: number, logs?: Logs): void {
    this.globalBatch += 1;
    if (this.updateFreq === 'epoch' || !logs || !this.train) return;
    if (this.globalBatch - this.lastBatchWrite < this.updateFreq) return;
    const entries = Object.entries(logs);
    if (entries.length === 0) return;
    this.lastBatchWrite = this.globalBatch;
    const time = Date.now() / 1000;
    for (const [name, value] of entries) {
      this.train.add(encodeScalarEvent(time, this.globalBatch, `batch_${name}`, value));
    }
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    if (!this.train || !this.validation) return;
    const time = Date.now() / 1000;
    for (const [name, value] of Object.entries(logs ?? {})) {
      if (name.startsWith('val_')) {
        this.validation.add(encodeScalarEvent(time, epoch, `epoch_${name.slice(4)}`, value));
      } else {
        this.train.add(encodeScalarEvent(time, epoch, `epoch_${name}`, value));
      }
    }
    await this.train.flush();
    await this.validation.flush();
  }

  override async onTrainEnd(): Promise<void> {
    await this.train?.flush();
    await this.validation?.flush();
  }
}

/**
 * Creates a {@link TensorBoard} callback.
 * @example tensorBoard({ logDir: 'runs/exp1', updateFreq: 100 })
 */
export function tensorBoard(args: TensorBoardArgs = {}): TensorBoard {
  return new TensorBoard(args);
}
