import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDemoArgs } from './args.js';
import type { DemoData } from './data/load-data.js';
import { runDemo } from './demo.js';
import type { RunModelResult } from './run-model.js';
import { fastBackend, testData } from './test-data.js';

let data: DemoData;
let backend: string;
let out: string;

beforeAll(async () => {
  [data, backend] = await Promise.all([testData(), fastBackend()]);
  out = await mkdtemp(join(tmpdir(), 'dendrite-demo-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('pnpm demo', () => {
  it('trains the dropout model on a subset and writes a sane report', async () => {
    const lines: string[] = [];
    const outcome = await runDemo(
      ['--subset', '2000', '--epochs', '2', '--backend', backend, '--out', out, '--verbose', '0'],
      { data, log: (line) => lines.push(line) },
    );
    const result = outcome.metrics as RunModelResult;
    expect(outcome.backend?.name).toBe(backend);
    expect(lines[0]).toBe(`Dendrite backend: ${backend}`);
    for (const file of [
      'loss.svg',
      'accuracy.svg',
      'confusion-matrix.svg',
      'test-images.svg',
      'report.html',
      'metrics.json',
      'best-model/model.json',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    // Two epochs, every Keras log present, the training loss going down from near ln(10).
    expect(Object.keys(result.logs).sort()).toEqual([
      'accuracy',
      'loss',
      'val_accuracy',
      'val_loss',
    ]);
    const loss = result.logs.loss as number[];
    expect(loss).toHaveLength(2);
    expect(loss[0]).toBeLessThan(Math.log(10) + 0.5);
    expect(loss[1]).toBeLessThan(loss[0] as number);
    // Even 1 600 images and 2 epochs beat chance (0.1) by far.
    expect(result.test.accuracy).toBeGreaterThan(0.6);
    // The confusion matrix comes from predict(), the accuracy from evaluate(): the diagonal over
    // all 10 000 test images must give the same accuracy.
    const total = result.confusion.flat().reduce((a, b) => a + b, 0);
    const diagonal = result.confusion.reduce((a, row, i) => a + (row[i] as number), 0);
    expect(total).toBe(10_000);
    expect(diagonal / total).toBeCloseTo(result.test.accuracy, 4);
    // The checkpoint holds the best epoch, which is what EarlyStopping restored.
    expect(result.checkpointAccuracy).toBeCloseTo(result.test.accuracy, 6);
    expect(result.stopping?.bestEpoch).toBe(
      1 +
        (result.logs.val_loss as number[]).indexOf(Math.min(...(result.logs.val_loss as number[]))),
    );
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain(`accuracy ${result.test.accuracy.toFixed(4)}`);
    expect(html).not.toMatch(/<script|src="http/);
    const grid = readFileSync(join(out, 'test-images.svg'), 'utf8');
    expect(grid.match(/<image /g)).toHaveLength(32);
    expect(lines.some((line) => line.startsWith('Early stopping: '))).toBe(true);
  });
});

describe('pnpm demo --checkpoint keras', () => {
  it('checkpoints the best epoch to best-model.keras, which reloads compiled', async () => {
    const folder = join(out, 'keras');
    const outcome = await runDemo(
      [
        '--subset',
        '1000',
        '--epochs',
        '2',
        '--backend',
        backend,
        '--out',
        folder,
        '--verbose',
        '0',
        '--checkpoint',
        'keras',
      ],
      { data, log: () => {} },
    );
    const result = outcome.metrics as RunModelResult;
    expect(existsSync(join(folder, 'best-model.keras'))).toBe(true);
    expect(existsSync(join(folder, 'best-model'))).toBe(false);
    expect(result.checkpointAccuracy).toBeCloseTo(result.test.accuracy, 6);
  });
});

describe('parseDemoArgs', () => {
  it('uses the text defaults', () => {
    const options = parseDemoArgs([]);
    expect(options).toMatchObject({
      model: 'dropout',
      optimizer: 'adam',
      epochs: 20,
      batchSize: 32,
      backend: 'auto',
      seed: 42,
      out: 'reports/demo-dropout',
      depth: 10,
      checkpoint: 'tfjs',
      download: true,
    });
    expect(parseDemoArgs(['--model', 'single'])).toMatchObject({ optimizer: 'sgd', epochs: 5 });
    expect(parseDemoArgs(['--experiment', 'vanishing']).out).toBe('reports/experiment-vanishing');
  });

  it('explains bad values', () => {
    expect(() => parseDemoArgs(['--model', 'cnn'])).toThrow(
      '--model must be one of single, sigmoid, relu, dropout; received "cnn"',
    );
    expect(() => parseDemoArgs(['--epochs', '0'])).toThrow(
      '--epochs must be an integer >= 1; received "0"',
    );
    expect(() => parseDemoArgs(['--optimizer', 'lbfgs'])).toThrow('--optimizer must be one of');
    expect(() => parseDemoArgs(['--checkpoint', 'h5'])).toThrow(
      '--checkpoint must be one of tfjs, keras; received "h5"',
    );
  });
});
