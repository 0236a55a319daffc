import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FILE_NAMES,
  imageBytes,
  labelBytes,
  makeIdx,
  pixel,
  tinyDatasetFiles,
  writeFiles,
} from '../../test/idx-fixtures.js';
import type { FetchLike } from './download.js';
import { sha256Hex } from './download.js';
import { FASHION_MNIST, loadFashionMnist } from './fashion-mnist.js';
import { DatasetNotFoundError, type IdxDatasetSpec, loadIdxDataset } from './idx-dataset.js';
import { readIdxFile } from './idx-file.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dendrite-data-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Options that keep every search location inside the temporary root. */
const isolated = () => ({
  cacheDir: join(root, 'cache'),
  homeDir: join(root, 'home'),
  systemFolders: [join(root, 'system', 'fashion-mnist')],
  download: false,
});

const noFetch: FetchLike = () => Promise.reject(new Error('network disabled in this test'));

/** A fetch serving `files` from the second mirror; the first mirror answers 404. */
function fakeFetch(files: Record<string, Uint8Array>, log: string[]): FetchLike {
  return async (url) => {
    log.push(url);
    const name = url.slice(url.lastIndexOf('/') + 1);
    const bytes = url.startsWith('https://mirror-b/') ? files[name] : undefined;
    return {
      ok: bytes !== undefined,
      status: bytes ? 200 : 404,
      arrayBuffer: async () => (bytes as Uint8Array).slice().buffer,
    };
  };
}

describe('readIdxFile', () => {
  it('reads gzipped and plain files and names a corrupt one', async () => {
    const plain = join(root, 'labels-idx1-ubyte');
    writeFileSync(plain, labelBytes(3));
    const zipped = join(root, 'labels-idx1-ubyte.gz');
    const gz = gzipSync(labelBytes(3));
    writeFileSync(zipped, gz);
    expect(Array.from((await readIdxFile(plain)).data)).toEqual([0, 1, 2]);
    expect(Array.from((await readIdxFile(zipped)).data)).toEqual([0, 1, 2]);
    const cut = join(root, 'cut.gz');
    writeFileSync(cut, gz.subarray(0, gz.length - 6));
    await expect(readIdxFile(cut)).rejects.toThrow(`readIdxFile: ${cut}: gzip error`);
    const short = join(root, 'short.gz');
    writeFileSync(short, gzipSync(labelBytes(3).subarray(0, 10)));
    await expect(readIdxFile(short)).rejects.toThrow(`parseIdx: ${short}: length mismatch`);
  });
});

describe('loadFashionMnist search order', () => {
  it('takes the first complete folder: option, user cache, Keras cache, system folder', async () => {
    // Each location's labels start at a different offset, so the labels show which one was read.
    const options = isolated();
    const explicit = writeFiles(join(root, 'explicit'), tinyDatasetFiles(1));
    const cache = writeFiles(join(root, 'cache', 'fashion-mnist'), tinyDatasetFiles(2));
    const keras = writeFiles(
      join(root, 'home', '.keras', 'datasets', 'fashion-mnist'),
      tinyDatasetFiles(3),
    );
    const system = writeFiles(join(root, 'system', 'fashion-mnist'), tinyDatasetFiles(4));
    const firstLabel = async (extra = {}) => {
      const data = await loadFashionMnist({ ...options, ...extra });
      return [data.folder, data.train.labels[0]];
    };
    expect(await firstLabel({ folder: explicit })).toEqual([explicit, 1]);
    expect(await firstLabel()).toEqual([cache, 2]);
    rmSync(join(cache, FILE_NAMES.testLabels));
    expect(await firstLabel()).toEqual([keras, 3]);
    rmSync(keras, { recursive: true });
    expect(await firstLabel()).toEqual([system, 4]);
  });

  it('returns typed arrays with shapes and the class names', async () => {
    const folder = writeFiles(join(root, 'f'), tinyDatasetFiles());
    const data = await loadFashionMnist({ ...isolated(), folder });
    expect(data.train.shape).toEqual([5, 28, 28]);
    expect(data.test.shape).toEqual([3, 28, 28]);
    expect(data.train.images).toBeInstanceOf(Uint8Array);
    expect(data.train.images.length).toBe(5 * 784);
    expect(data.train.images[784 + 10]).toBe(pixel(1, 10));
    expect(Array.from(data.test.labels)).toEqual([0, 1, 2]);
    // Zalando's ten class names, label 0 to 9.
    const names = 'T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot';
    expect(data.classNames).toEqual(names.split(','));
  });

  it('accepts un-gzipped files and returns normalized tensors the caller owns', async () => {
    const folder = join(root, 'plain');
    writeFiles(folder, {
      'train-images-idx3-ubyte': imageBytes(5),
      'train-labels-idx1-ubyte': labelBytes(5),
      't10k-images-idx3-ubyte': imageBytes(3),
      't10k-labels-idx1-ubyte': labelBytes(3),
    });
    await expectNoLeak(async () => {
      const data = await loadFashionMnist({ ...isolated(), folder, asTensors: true });
      expect(data.train.images.shape).toEqual([5, 28, 28]);
      expect(data.train.images.dtype).toBe('float32');
      expect(data.train.labels.dtype).toBe('int32');
      // Image 1, row 0, col 10: (7 * 1 + 10) / 255 = 17 / 255.
      const value = tf.tidy(() => data.train.images.slice([1, 0, 10], [1, 1, 1]).dataSync()[0]);
      expect(value).toBeCloseTo(17 / 255, 7);
      const max = tf.tidy(() => data.train.images.max().dataSync()[0]);
      expect(max).toBeLessThanOrEqual(1);
      const raw = await loadFashionMnist({
        ...isolated(),
        folder,
        asTensors: true,
        normalize: false,
      });
      expect(tf.tidy(() => raw.train.images.max().dataSync()[0])).toBe(255);
      return [data, raw];
    });
  });

  it('lists every place tried and how to get the files when nothing works', async () => {
    const options = isolated();
    writeFiles(join(root, 'home', '.keras', 'datasets', 'fashion-mnist'), {
      [FILE_NAMES.trainImages]: gzipSync(imageBytes(1)),
    });
    const error = await loadFashionMnist({ ...options, folder: join(root, 'nowhere') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatasetNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain(
      'load Fashion-MNIST: could not find or download the Fashion-MNIST files. Tried:',
    );
    expect(message).toContain(
      `${join(root, 'nowhere')} (option \`folder\`): folder does not exist`,
    );
    expect(message).toContain(
      `${join(root, 'cache', 'fashion-mnist')} (user cache): folder does not exist`,
    );
    expect(message).toContain(
      `${join(root, 'home', '.keras', 'datasets', 'fashion-mnist')} (Keras cache): missing train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz`,
    );
    expect(message).toContain(`${join(root, 'system', 'fashion-mnist')} (system datasets folder)`);
    expect(message).toContain('download: disabled (`download: false`)');
    expect(message).toContain('`apt-get install dataset-fashion-mnist` (Debian)');
    expect(message).toContain(`into ${join(root, 'cache', 'fashion-mnist')}`);
  });

  it('names a corrupt or mismatched file instead of skipping it', async () => {
    const files = tinyDatasetFiles();
    const folder = writeFiles(join(root, 'bad'), {
      ...files,
      [FILE_NAMES.testImages]: (files[FILE_NAMES.testImages] as Uint8Array).subarray(0, 100),
    });
    await expect(loadFashionMnist({ ...isolated(), folder })).rejects.toThrow(
      `${join(folder, FILE_NAMES.testImages)}: gzip error`,
    );
    writeFiles(folder, { ...files, [FILE_NAMES.testLabels]: gzipSync(labelBytes(4)) });
    await expect(loadFashionMnist({ ...isolated(), folder })).rejects.toThrow(
      `${join(folder, FILE_NAMES.testLabels)}: 4 labels for 3 images`,
    );
    writeFiles(folder, {
      ...files,
      [FILE_NAMES.trainImages]: gzipSync(makeIdx(0x08, [5, 784], new Uint8Array(5 * 784))),
    });
    await expect(loadFashionMnist({ ...isolated(), folder })).rejects.toThrow(
      'expected uint8 images of shape [n, rows, cols]; the header gives uint8 [5, 784]',
    );
  });
});

describe('downloads', () => {
  const files = tinyDatasetFiles();
  const spec: IdxDatasetSpec = {
    ...FASHION_MNIST,
    name: 'tiny',
    title: 'Tiny',
    mirrors: ['https://mirror-a/', 'https://mirror-b/'],
    systemFolders: [],
    files: Object.fromEntries(
      Object.entries(FILE_NAMES).map(([key, fileName]) => [
        key,
        { fileName, sha256: sha256Hex(files[fileName] as Uint8Array) },
      ]),
    ) as unknown as IdxDatasetSpec['files'],
  };

  it('downloads missing files into the user cache after checking their hashes', async () => {
    const log: string[] = [];
    const options = { ...isolated(), download: true };
    // One file is already cached: only the other three are fetched.
    writeFiles(join(root, 'cache', 'tiny'), {
      [FILE_NAMES.trainLabels]: files[FILE_NAMES.trainLabels] as Uint8Array,
    });
    const data = await loadIdxDataset(spec, { ...options, fetch: fakeFetch(files, log) });
    expect(data.folder).toBe(join(root, 'cache', 'tiny'));
    expect(data.train.shape).toEqual([5, 28, 28]);
    expect(log).toEqual([
      'https://mirror-a/train-images-idx3-ubyte.gz',
      'https://mirror-b/train-images-idx3-ubyte.gz',
      'https://mirror-a/t10k-images-idx3-ubyte.gz',
      'https://mirror-b/t10k-images-idx3-ubyte.gz',
      'https://mirror-a/t10k-labels-idx1-ubyte.gz',
      'https://mirror-b/t10k-labels-idx1-ubyte.gz',
    ]);
    expect(readdirSync(join(root, 'cache', 'tiny')).sort()).toEqual(
      Object.values(FILE_NAMES).sort(),
    );
    // Now everything is cached: no network needed.
    const again = await loadIdxDataset(spec, { ...options, fetch: noFetch });
    expect(Array.from(again.test.labels)).toEqual([0, 1, 2]);
  });

  it('leaves the cache untouched when a hash does not match', async () => {
    // The tiny files are served under Fashion-MNIST's names, so the pinned hashes reject them.
    const log: string[] = [];
    const fetchTiny: FetchLike = async (url) => {
      log.push(url);
      const bytes = files[url.slice(url.lastIndexOf('/') + 1)] as Uint8Array;
      return { ok: true, status: 200, arrayBuffer: async () => bytes.slice().buffer };
    };
    const error = await loadFashionMnist({ ...isolated(), download: true, fetch: fetchTiny }).catch(
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(DatasetNotFoundError);
    const actual = sha256Hex(files[FILE_NAMES.trainImages] as Uint8Array);
    expect((error as Error).message).toContain(
      `http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz: SHA-256 mismatch (expected 3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84, got ${actual})`,
    );
    expect(log).toHaveLength(2);
    // Nothing under the final names and no temporary file left behind.
    const cache = join(root, 'cache', 'fashion-mnist');
    const left = (() => {
      try {
        return readdirSync(cache);
      } catch {
        return [];
      }
    })();
    expect(left).toEqual([]);
  });

  it('reports network failures per mirror', async () => {
    const error = await loadIdxDataset(spec, {
      ...isolated(),
      download: true,
      fetch: noFetch,
    }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toContain(
      'https://mirror-a/train-images-idx3-ubyte.gz: network disabled in this test; https://mirror-b/train-images-idx3-ubyte.gz: network disabled in this test',
    );
  });
});
