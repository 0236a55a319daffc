import { appendFile, readFile, writeFile } from 'node:fs/promises';
import * as tf from '@dendrite/tensor';
import { Callback } from '../callback.js';
import { pythonFloatRepr } from '../python-format.js';
import type { Logs } from '../training-model.js';
import { checkPath } from './check-path.js';

/** Configuration of {@link CsvLogger}. */
export interface CsvLoggerArgs {
  /** File to write. */
  filename: string;
  /** Field separator. @defaultValue ',' */
  separator?: string;
  /** Continue an existing file (header only if it is empty) instead of overwriting. @defaultValue false */
  append?: boolean;
}

function quote(field: string, separator: string): string {
  if (field.includes(separator) || /["\r\n]/.test(field)) return `"${field.replace(/"/g, '""')}"`;
  return field;
}

async function firstLineEmpty(filename: string): Promise<boolean> {
  try {
    const text = await readFile(filename, 'utf8');
    return text.split('\n', 1)[0] === '';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * Streams epoch logs to a CSV file as Keras `CSVLogger` does: columns `epoch` (0-based) then the
 * log names sorted (with `val_` columns added up front when the first epoch has none), values
 * written like Python floats, `NA` for a missing value, rows ending in `\r\n` (Python's csv).
 * @example csvLogger({ filename: 'training.csv', append: true })
 */
export class CsvLogger extends Callback {
  /** The file. */
  readonly filename: string;
  /** The separator. */
  readonly separator: string;
  /** Whether an existing file is continued. */
  readonly append: boolean;
  private keys: string[] | undefined;
  private writeHeader = true;

  constructor(args: CsvLoggerArgs) {
    super();
    const filename = checkPath('CsvLogger', 'filename', args?.filename, 'a non-empty path');
    const separator = args.separator ?? ',';
    if (typeof separator !== 'string' || separator.length !== 1) {
      throw new tf.ConfigError(
        tf.configMessage('CsvLogger', 'separator', 'a single character', separator),
      );
    }
    this.filename = filename;
    this.separator = separator;
    this.append = args.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    this.keys = undefined;
    if (this.append) {
      this.writeHeader = await firstLineEmpty(this.filename);
    } else {
      this.writeHeader = true;
      await writeFile(this.filename, '');
    }
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.keys === undefined) {
      const keys = Object.keys(logs).sort();
      // With validation every few epochs the first logs lack `val_` keys; reserve their columns.
      if (keys.length > 0 && !keys.some((key) => key.startsWith('val_'))) {
        keys.push(...keys.map((key) => `val_${key}`));
      }
      this.keys = keys;
    }
    const sep = this.separator;
    let text = '';
    if (this.writeHeader) {
      text += `${['epoch', ...this.keys].map((k) => quote(k, sep)).join(sep)}\r\n`;
      this.writeHeader = false;
    }
    const row = [String(epoch)];
    for (const key of this.keys) {
      const value = logs[key];
      row.push(value === undefined ? 'NA' : quote(pythonFloatRepr(value), sep));
    }
    text += `${row.join(sep)}\r\n`;
    await appendFile(this.filename, text);
  }
}

/**
 * Creates a {@link CsvLogger} callback.
 * @example csvLogger({ filename: 'log.csv', separator: ';' })
 */
export function csvLogger(args: CsvLoggerArgs): CsvLogger {
  return new CsvLogger(args);
}
