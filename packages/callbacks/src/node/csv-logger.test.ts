import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fixtures from '../../fixtures/fixtures.json' with { type: 'json' };
import { CallbackList } from '../callback-list.js';
import type { Logs } from '../training-model.js';
import { csvLogger } from './csv-logger.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fit(list: CallbackList, epochs: Logs[]): Promise<void> {
  await list.onTrainBegin();
  for (const [epoch, logs] of epochs.entries()) await list.onEpochEnd(epoch, { ...logs });
  await list.onTrainEnd();
}

describe('CsvLogger', () => {
  it('writes exactly what Keras CSVLogger writes, and continues in append mode', async () => {
    // Reference text: fixtures/make_fixtures.py drives Python's csv.DictWriter as Keras does.
    const filename = join(dir, 'log.csv');
    await fit(new CallbackList([csvLogger({ filename })]), fixtures.csv.run1 as Logs[]);
    expect(await readFile(filename, 'utf8')).toBe(fixtures.csv.first);
    await fit(
      new CallbackList([csvLogger({ filename, append: true })]),
      fixtures.csv.run2 as Logs[],
    );
    expect(await readFile(filename, 'utf8')).toBe(fixtures.csv.appended);
  });

  it('overwrites without append, reserves val_ columns and honours the separator', async () => {
    const filename = join(dir, 'log.csv');
    await fit(new CallbackList([csvLogger({ filename })]), fixtures.csv.run1 as Logs[]);
    await fit(
      new CallbackList([csvLogger({ filename, separator: ';' })]),
      fixtures.csv.run2 as Logs[],
    );
    expect(await readFile(filename, 'utf8')).toBe(fixtures.csv.semicolonNoVal);
  });

  it('writes a header when appending to a missing file', async () => {
    const filename = join(dir, 'new.csv');
    await fit(new CallbackList([csvLogger({ filename, append: true })]), [{ loss: 0.5 }]);
    // Keras: 'epoch,loss,val_loss' then row 0 with NA for the reserved val_loss column.
    expect(await readFile(filename, 'utf8')).toBe('epoch,loss,val_loss\r\n0,0.5,NA\r\n');
  });

  it('validates its arguments', () => {
    expect(() => csvLogger({ filename: '' })).toThrow(
      'CsvLogger: `filename` must be a non-empty path; received ""',
    );
    expect(() => csvLogger({ filename: 'a', separator: ';;' })).toThrow(
      'CsvLogger: `separator` must be a single character; received ";;"',
    );
  });
});
