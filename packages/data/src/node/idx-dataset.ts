import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@dendrite/tensor';
import { downloadVerified, type FetchLike } from './download.js';
import {
  type ImageSplitArrays,
  type ImageSplitTensors,
  readSplits,
  toTensors,
} from './image-splits.js';

/** One file of an IDX dataset: its name (usually `*.gz`) and, when known, its SHA-256. */
export interface IdxFileSpec {
  readonly fileName: string;
  readonly sha256?: string;
}

/** Describes an MNIST-style image dataset: four IDX files, mirrors, class names, places to look. */
export interface IdxDatasetSpec {
  /** Folder name under the caches, e.g. `'fashion-mnist'`. */
  readonly name: string;
  /** Shown in messages, e.g. `'Fashion-MNIST'`. */
  readonly title: string;
  readonly files: {
    readonly trainImages: IdxFileSpec;
    readonly trainLabels: IdxFileSpec;
    readonly testImages: IdxFileSpec;
    readonly testLabels: IdxFileSpec;
  };
  /** Base URLs (ending in `/`) tried in order for downloads. */
  readonly mirrors: readonly string[];
  readonly classNames: readonly string[];
  /** Folder under the Keras datasets cache holding the same files, if Keras uses IDX files. */
  readonly kerasFolder?: string;
  /** System folders (e.g. Debian's `/usr/share/datasets/...`), with how to install them. */
  readonly systemFolders?: readonly { readonly path: string; readonly install: string }[];
}

/** Options shared by the dataset loaders. */
export interface LoadIdxDatasetOptions {
  /** A folder holding the four files (gzipped or not); searched first. @defaultValue none */
  readonly folder?: string;
  /**
   * Root of the user cache; the dataset lives in `<cacheDir>/<name>` and downloads go there.
   * @defaultValue `$DENDRITE_DATA_DIR`, else `~/.cache/dendrite/datasets`
   */
  readonly cacheDir?: string;
  /** Download missing files into the user cache when no folder has them. @defaultValue true */
  readonly download?: boolean;
  /** The fetch used for downloads. @defaultValue `globalThis.fetch` */
  readonly fetch?: FetchLike;
  /**
   * Home folder for `~/.keras` and the default cache (mostly for tests).
   * @defaultValue `os.homedir()`; the Keras folder is `$KERAS_HOME` when set
   */
  readonly homeDir?: string;
  /** Replaces the system folders searched (e.g. in tests). @defaultValue the spec's folders */
  readonly systemFolders?: readonly string[];
  /** Return float32 / int32 tensors instead of typed arrays. @defaultValue false */
  readonly asTensors?: boolean;
  /** With `asTensors`, scale pixels from 0..255 to [0, 1]. @defaultValue true */
  readonly normalize?: boolean;
}

export type { ImageSplitArrays, ImageSplitTensors };

/** A loaded dataset: both splits, the class names, and the folder the files came from. */
export interface ImageDataset<Split> {
  readonly train: Split;
  readonly test: Split;
  readonly classNames: readonly string[];
  readonly folder: string;
}

/** Thrown when no location holds the dataset and downloading failed or was disabled. */
export class DatasetNotFoundError extends tf.DendriteError {
  override name = 'DatasetNotFoundError';
}

type FileKey = keyof IdxDatasetSpec['files'];
const FILE_KEYS: readonly FileKey[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The path of `fileName` in `folder`, also accepting the name without `.gz`. */
async function findFile(folder: string, fileName: string): Promise<string | undefined> {
  for (const candidate of [fileName, fileName.replace(/\.gz$/, '')]) {
    const path = join(folder, candidate);
    if (await exists(path)) return path;
  }
  return undefined;
}

async function findAll(
  spec: IdxDatasetSpec,
  folder: string,
): Promise<{ paths: Partial<Record<FileKey, string>>; missing: string[] }> {
  const paths: Partial<Record<FileKey, string>> = {};
  const missing: string[] = [];
  for (const key of FILE_KEYS) {
    const path = await findFile(folder, spec.files[key].fileName);
    if (path) paths[key] = path;
    else missing.push(spec.files[key].fileName);
  }
  return { paths, missing };
}

/** The places searched, in order, with a label for messages. */
function locations(spec: IdxDatasetSpec, options: LoadIdxDatasetOptions, cacheFolder: string) {
  const out: { folder: string; label: string }[] = [];
  if (options.folder !== undefined) out.push({ folder: options.folder, label: 'option `folder`' });
  out.push({ folder: cacheFolder, label: 'user cache' });
  if (spec.kerasFolder !== undefined) {
    const kerasHome =
      options.homeDir !== undefined
        ? join(options.homeDir, '.keras')
        : (process.env.KERAS_HOME ?? join(homedir(), '.keras'));
    out.push({ folder: join(kerasHome, 'datasets', spec.kerasFolder), label: 'Keras cache' });
  }
  const system = options.systemFolders ?? spec.systemFolders?.map((s) => s.path) ?? [];
  for (const folder of system) out.push({ folder, label: 'system datasets folder' });
  return out;
}

/** The user cache root: `cacheDir`, `$DENDRITE_DATA_DIR`, or `~/.cache/dendrite/datasets`. */
export function defaultCacheDir(
  options: Pick<LoadIdxDatasetOptions, 'cacheDir' | 'homeDir'> = {},
): string {
  return (
    options.cacheDir ??
    process.env.DENDRITE_DATA_DIR ??
    join(options.homeDir ?? homedir(), '.cache', 'dendrite', 'datasets')
  );
}

/**
 * Loads an MNIST-style IDX dataset described by `spec`. Looks in order at `options.folder`, the
 * user cache, the Keras cache and the system folders, taking the first folder that holds all four
 * files; otherwise downloads the missing files into the user cache (checking SHA-256 where the
 * spec pins it). A corrupt file is an error naming it; when nothing works, a
 * {@link DatasetNotFoundError} lists every place tried and why it failed.
 * @example const data = await loadIdxDataset(mySpec, { folder: './data' });
 */
export async function loadIdxDataset(
  spec: IdxDatasetSpec,
  options: LoadIdxDatasetOptions & { readonly asTensors: true },
): Promise<ImageDataset<ImageSplitTensors>>;
export async function loadIdxDataset(
  spec: IdxDatasetSpec,
  options?: LoadIdxDatasetOptions & { readonly asTensors?: false },
): Promise<ImageDataset<ImageSplitArrays>>;
export async function loadIdxDataset(
  spec: IdxDatasetSpec,
  options?: LoadIdxDatasetOptions,
): Promise<ImageDataset<ImageSplitArrays | ImageSplitTensors>>;
export async function loadIdxDataset(
  spec: IdxDatasetSpec,
  options: LoadIdxDatasetOptions = {},
): Promise<ImageDataset<ImageSplitArrays | ImageSplitTensors>> {
  const owner = `load ${spec.title}`;
  const cacheFolder = join(defaultCacheDir(options), spec.name);
  const tried: string[] = [];
  let found: { folder: string; paths: Record<FileKey, string> } | undefined;
  for (const { folder, label } of locations(spec, options, cacheFolder)) {
    if (!(await exists(folder))) {
      tried.push(`${folder} (${label}): folder does not exist`);
      continue;
    }
    const { paths, missing } = await findAll(spec, folder);
    if (missing.length === 0) {
      found = { folder, paths: paths as Record<FileKey, string> };
      break;
    }
    tried.push(`${folder} (${label}): missing ${missing.join(', ')}`);
  }
  if (!found) {
    const download = options.download ?? true;
    if (!download) {
      tried.push('download: disabled (`download: false`)');
    } else {
      const fetchImpl = options.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
      try {
        if (!fetchImpl) throw new Error('no fetch available; pass `fetch`');
        const { paths } = await findAll(spec, cacheFolder);
        for (const key of FILE_KEYS) {
          if (paths[key]) continue;
          const { fileName, sha256 } = spec.files[key];
          const destination = join(cacheFolder, fileName);
          const urls = spec.mirrors.map((base) => base + fileName);
          await downloadVerified(urls, sha256, destination, fetchImpl);
          paths[key] = destination;
        }
        found = { folder: cacheFolder, paths: paths as Record<FileKey, string> };
      } catch (error) {
        tried.push(`download into ${cacheFolder}: ${(error as Error).message}`);
      }
    }
  }
  if (!found) {
    const names = FILE_KEYS.map((key) => spec.files[key].fileName).join(', ');
    const install = spec.systemFolders?.map((s) => s.install).join(' or ');
    throw new DatasetNotFoundError(
      [
        `${owner}: could not find or download the ${spec.title} files. Tried:`,
        ...tried.map((line) => `  - ${line}`),
        `To get them: ${install ? `${install}, or ` : ''}download ${names} from ${spec.mirrors[0] ?? 'the official site'} into ${cacheFolder} (or pass \`folder\`).`,
      ].join('\n'),
    );
  }
  const splits = await readSplits(found.paths, spec.classNames.length);
  if (!options.asTensors) return { ...splits, classNames: spec.classNames, folder: found.folder };
  const normalize = options.normalize ?? true;
  const train = toTensors(splits.train, normalize);
  const test = toTensors(splits.test, normalize);
  return { train, test, classNames: spec.classNames, folder: found.folder };
}

/** A loader of one IDX dataset: arrays by default, tensors the caller owns with `{asTensors: true}`. */
export interface IdxDatasetLoader {
  (
    options: LoadIdxDatasetOptions & { readonly asTensors: true },
  ): Promise<ImageDataset<ImageSplitTensors>>;
  (
    options?: LoadIdxDatasetOptions & { readonly asTensors?: false },
  ): Promise<ImageDataset<ImageSplitArrays>>;
}

/**
 * The {@link loadIdxDataset} of one spec, as a function of the options alone.
 * @example export const loadMyDigits = idxDatasetLoader(MY_DIGITS);
 */
export function idxDatasetLoader(spec: IdxDatasetSpec): IdxDatasetLoader {
  return ((options?: LoadIdxDatasetOptions) => loadIdxDataset(spec, options)) as IdxDatasetLoader;
}
