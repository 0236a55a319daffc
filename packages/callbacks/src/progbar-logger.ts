import * as tf from '@dendrite/tensor';
import { Callback } from './callback.js';
import type { Logs } from './training-model.js';

/** Configuration of {@link ProgbarLogger}. */
export interface ProgbarLoggerArgs {
  /** 1: a live bar on a terminal (one line per epoch elsewhere); 2: one line per epoch. @defaultValue 1 */
  verbose?: 1 | 2;
  /** Where text goes. @defaultValue `process.stdout.write` on Node, else `console.log` per line */
  write?: (text: string) => void;
  /** Whether `write` is a terminal that understands `\r`. @defaultValue `process.stdout.isTTY` when `write` is not given, else false */
  isTTY?: boolean;
  /** Batches between bar updates (each one device sync in the engine). @defaultValue 10 on a terminal, else 0 */
  updateEvery?: number;
  /** Bar width in characters. @defaultValue 30 */
  width?: number;
  /** Clock in milliseconds (injectable for tests). @defaultValue performance.now */
  now?: () => number;
}

interface StdoutLike {
  write(text: string): unknown;
  isTTY?: boolean;
}

function stdout(): StdoutLike | undefined {
  const candidate = (globalThis as { process?: { stdout?: StdoutLike } }).process?.stdout;
  return typeof candidate?.write === 'function' ? candidate : undefined;
}

function consoleWriter(): (text: string) => void {
  let pending = '';
  return (text) => {
    pending += text.replace(/\r/g, '');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) console.log(line);
  };
}

/**
 * A metric value as Keras' progress bar prints it: 4 decimals, or exponent form at or below 1e-3.
 * @example formatLogValue(0.30123) // '0.3012'; formatLogValue(0.0001234) // '1.2340e-04'
 */
export function formatLogValue(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (Math.abs(value) > 1e-3) return value.toFixed(4);
  const [mantissa = '', exponent = '0'] = value.toExponential(4).split('e');
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  }
  if (s >= 60) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return `${s}s`;
}

function formatLogs(logs: Logs): string {
  return Object.entries(logs)
    .map(([key, value]) => ` - ${key}: ${formatLogValue(value)}`)
    .join('');
}

/**
 * Prints training progress as Keras does with `verbose` 1 or 2: on a terminal a live bar with
 * ETA, samples/s and metrics, redrawn in place every `updateEvery` batches; otherwise one line per
 * epoch, `Epoch 3/20 - 4.1s - loss: 0.3012 - accuracy: 0.8912 - val_loss: ...`.
 * @example new ProgbarLogger({ verbose: 2, write: (t) => lines.push(t) })
 */
export class ProgbarLogger extends Callback {
  /** Whether the live bar is drawn. */
  readonly live: boolean;
  private readonly write: (text: string) => void;
  private readonly width: number;
  private readonly now: () => number;
  private epochStart = 0;
  private seen = 0;
  private lastLength = 0;
  private values: Logs = {};

  constructor(args: ProgbarLoggerArgs = {}) {
    super();
    const verbose = args.verbose ?? 1;
    if (verbose !== 1 && verbose !== 2) {
      throw new tf.ConfigError(tf.configMessage('ProgbarLogger', 'verbose', '1 or 2', verbose));
    }
    const out = args.write === undefined ? stdout() : undefined;
    this.write = args.write ?? (out ? (text) => void out.write(text) : consoleWriter());
    const isTTY = args.isTTY ?? out?.isTTY === true;
    this.live = verbose === 1 && isTTY;
    this.batchLogsEvery = tf.checkNumber(
      'ProgbarLogger',
      'updateEvery',
      args.updateEvery ?? (this.live ? 10 : 0),
      { min: 0, integer: true },
    );
    this.width = tf.checkNumber('ProgbarLogger', 'width', args.width ?? 30, {
      min: 1,
      integer: true,
    });
    this.now = args.now ?? (() => performance.now());
  }

  override onEpochBegin(epoch: number): void {
    this.epochStart = this.now();
    this.seen = 0;
    this.lastLength = 0;
    this.values = {};
    if (this.live) this.write(`Epoch ${epoch + 1}/${this.params?.epochs ?? '?'}\n`);
  }

  /** The bar shows whichever batch it is told of last: a group's end will do (unless a subclass has hooks of its own). */
  override get watchesEachTrainBatch(): boolean {
    return this.batchHooksDifferFrom(ProgbarLogger.prototype);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.seen = batch + 1;
    if (!this.live || !logs || Object.keys(logs).length === 0) return;
    this.values = { ...logs };
    this.redraw(this.barLine(false));
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const seconds = (this.now() - this.epochStart) / 1000;
    const all = logs ?? {};
    if (this.live) {
      this.redraw(`${this.barLine(true, seconds)}${formatLogs(all)}`);
      this.write('\n');
      return;
    }
    const epochs = this.params?.epochs ?? '?';
    this.write(`Epoch ${epoch + 1}/${epochs} - ${seconds.toFixed(1)}s${formatLogs(all)}\n`);
  }

  private redraw(line: string): void {
    const padding = ' '.repeat(Math.max(0, this.lastLength - line.length));
    this.lastLength = line.length;
    this.write(`\r${line}${padding}`);
  }

  private barLine(final: boolean, seconds?: number): string {
    const target = this.params?.steps;
    const current = final && target !== undefined ? target : this.seen;
    const elapsed = seconds ?? (this.now() - this.epochStart) / 1000;
    let text: string;
    if (target === undefined) {
      text = `${current}/Unknown`;
    } else {
      const digits = String(target).length;
      const filled = Math.min(this.width, Math.floor((this.width * current) / target));
      let bar = '';
      if (filled > 0) bar += '='.repeat(filled - 1) + (current < target ? '>' : '=');
      bar += '.'.repeat(this.width - filled);
      text = `${String(current).padStart(digits)}/${target} [${bar}]`;
    }
    const perStep = current > 0 ? elapsed / current : 0;
    if (final) {
      text += ` - ${Math.round(elapsed)}s ${Math.round(perStep * 1000)}ms/step`;
      return text;
    }
    text +=
      target === undefined
        ? ` - ${Math.round(elapsed)}s`
        : ` - ETA: ${formatEta(perStep * (target - current))}`;
    const batchSize = this.params?.batchSize;
    if (elapsed > 0) {
      const rate = batchSize === undefined ? current / elapsed : (current * batchSize) / elapsed;
      text += ` - ${Math.round(rate)} ${batchSize === undefined ? 'steps' : 'samples'}/s`;
    }
    return text + formatLogs(this.values);
  }
}

/**
 * Creates a {@link ProgbarLogger}; `fit` adds one when `verbose` is 1 or 2.
 * @example progbarLogger({ verbose: 2 })
 */
export function progbarLogger(args: ProgbarLoggerArgs = {}): ProgbarLogger {
  return new ProgbarLogger(args);
}
