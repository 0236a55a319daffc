import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset.js';
import { fromArrays, fromIterable } from './dataset-sources.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const numbers = (n: number) => fromIterable(range(n));

/** Reads a pass of tensors to numbers and disposes them. */
async function readAll(ds: Dataset<tf.Tensor>): Promise<number[][]> {
  const out: number[][] = [];
  for await (const t of ds) {
    out.push(Array.from(t.dataSync()));
    t.dispose();
  }
  return out;
}

describe('Dataset.batch', () => {
  it('stacks {xs, ys} samples and keeps or drops the remainder', async () => {
    // 10 samples, batch 4 -> batches of 4, 4 and the remainder 2.
    const x = tf.tensor2d(range(20), [10, 2]);
    const y = tf.tensor1d(range(10), 'int32');
    await expectNoLeak(async () => {
      const ds = fromArrays(x, y).batch(4);
      expect(ds.size).toBe(3);
      const batches = await ds.toArray();
      expect(batches.map((b) => b.xs.shape)).toEqual([
        [4, 2],
        [4, 2],
        [2, 2],
      ]);
      expect(batches[2]?.xs.arraySync()).toEqual([
        [16, 17],
        [18, 19],
      ]);
      expect(batches[2]?.ys.dtype).toBe('int32');
      expect(batches[2]?.ys.arraySync()).toEqual([8, 9]);
      const dropped = fromArrays(x, y).batch(4, { dropRemainder: true });
      expect(dropped.size).toBe(2);
      const kept = await dropped.toArray();
      expect(kept.map((b) => b.ys.shape[0])).toEqual([4, 4]);
      return [batches, kept];
    });
    tf.dispose([x, y]);
  });

  it('batches numbers, number arrays and tuples', async () => {
    const pairs = fromIterable(range(5).map((i) => [[i, i + 0.5], i % 2] as const));
    const batches = await pairs.batch(2).toArray();
    expect(batches).toHaveLength(3);
    const [features, labels] = batches[0] as [tf.Tensor, tf.Tensor];
    expect(features.arraySync()).toEqual([
      [0, 0.5],
      [1, 1.5],
    ]);
    expect(labels.arraySync()).toEqual([0, 1]);
    tf.dispose(batches as unknown as tf.Tensor[][]);
  });

  it('names elements it cannot stack', async () => {
    await expect(fromIterable(['a', 'b']).batch(2).toArray()).rejects.toThrow(
      'Dataset.batch: cannot batch "a" at element',
    );
    const uneven = fromIterable(() => [tf.zeros([2]), tf.zeros([3])]);
    await expectNoLeak(async () => {
      await expect(uneven.batch(2).toArray()).rejects.toThrow(
        'Dataset.batch: elements at element must be tensors of one shape [2]; element 1 is Tensor of shape [3]',
      );
    });
  });
});

describe('Dataset.shuffle', () => {
  it('is repeatable for a seed and reshuffles each iteration by default', async () => {
    const a = numbers(20).shuffle(20, { seed: 3 });
    const b = numbers(20).shuffle(20, { seed: 3 });
    const a1 = await a.toArray();
    const a2 = await a.toArray();
    expect(await b.toArray()).toEqual(a1);
    expect(await b.toArray()).toEqual(a2);
    expect(a1).not.toEqual(a2);
    expect([...a1].sort((p, q) => p - q)).toEqual(range(20));
    expect(await numbers(20).shuffle(20, { seed: 4 }).toArray()).not.toEqual(a1);
    const fixed = numbers(20).shuffle(20, { seed: 3, reshuffleEachIteration: false });
    expect(await fixed.toArray()).toEqual(await fixed.toArray());
  });

  it('has buffer semantics: size 1 keeps order, no element moves ahead by a buffer or more', async () => {
    expect(await numbers(10).shuffle(1, { seed: 1 }).toArray()).toEqual(range(10));
    // The k-th output is picked after reading elements 0..k+bufferSize-1, so element i can only
    // come out at position k >= i - bufferSize + 1.
    for (const seed of [1, 2, 3]) {
      const order = await numbers(50).shuffle(4, { seed }).toArray();
      expect([...order].sort((p, q) => p - q)).toEqual(range(50));
      order.forEach((element, position) => {
        expect(position).toBeGreaterThanOrEqual(element - 3);
      });
      expect(order).not.toEqual(range(50));
    }
  });

  it('validates bufferSize and seed', () => {
    expect(() => numbers(3).shuffle(0)).toThrow(
      'Dataset.shuffle: `bufferSize` must be an integer >= 1; received 0',
    );
    expect(() => numbers(3).shuffle(2, { seed: -2 })).toThrow('`seed` must be an integer >= 0');
  });
});

describe('Dataset take, skip, repeat, map, filter', () => {
  it('take and skip', async () => {
    expect(await numbers(10).take(3).toArray()).toEqual([0, 1, 2]);
    expect(await numbers(10).skip(7).toArray()).toEqual([7, 8, 9]);
    expect(await numbers(10).take(0).toArray()).toEqual([]);
    expect(numbers(10).take(3).size).toBe(3);
    expect(numbers(10).skip(12).size).toBe(0);
    expect(() => numbers(3).take(-1)).toThrow(
      'Dataset.take: `count` must be an integer >= 0; received -1',
    );
  });

  it('repeat re-runs the pipeline, forever without a count', async () => {
    expect(await numbers(3).repeat(2).toArray()).toEqual([0, 1, 2, 0, 1, 2]);
    expect(await numbers(3).repeat().take(7).toArray()).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(numbers(3).repeat().size).toBe(Number.POSITIVE_INFINITY);
    expect(numbers(3).repeat(4).size).toBe(12);
    expect(await numbers(0).repeat().toArray()).toEqual([]);
    // Each pass reshuffles: two passes of a seeded shuffle differ.
    const twice = await numbers(8).shuffle(8, { seed: 5 }).repeat(2).toArray();
    expect(twice.slice(0, 8)).not.toEqual(twice.slice(8));
  });

  it('map and filter', async () => {
    const squares = numbers(6)
      .filter((n) => n % 2 === 1)
      .map((n) => n * n);
    expect(await squares.toArray()).toEqual([1, 9, 25]);
    expect(squares.size).toBeNull();
  });
});

describe('Dataset sources', () => {
  it('iterates async generator functions, again on every pass', async () => {
    const source = async function* () {
      for (const i of range(4)) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield i;
      }
    };
    const ds = fromIterable(source).batch(3);
    const first = await readAll(ds);
    expect(first).toEqual([[0, 1, 2], [3]]);
    expect(await readAll(ds)).toEqual(first);
  });

  it('refuses to re-iterate a consumed one-shot iterator', async () => {
    const generator = (function* () {
      yield 1;
      yield 2;
    })();
    const ds = fromIterable(generator);
    expect(await ds.toArray()).toEqual([1, 2]);
    await expect(ds.toArray()).rejects.toThrow(
      'fromIterable: the source is a one-shot iterator (e.g. a generator object) that was already consumed',
    );
    expect(() => fromIterable(5 as unknown as number[])).toThrow(
      'fromIterable: `source` must be an iterable, an async iterable or a function returning one; received 5',
    );
  });

  it('clones tensors from an array source, so they survive every pass', async () => {
    const items = [tf.scalar(1), tf.scalar(2)];
    const ds = fromIterable(items).map((t) => tf.mul(t, 10));
    expect(await readAll(ds)).toEqual([[10], [20]]);
    expect(await readAll(ds)).toEqual([[10], [20]]);
    expect(items.every((t) => !t.isDisposed)).toBe(true);
    tf.dispose(items);
  });

  it('fromArrays copies its inputs, checks lengths, and offers the tfjs iterator()', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const ds = fromArrays(x);
    x.dispose();
    const iterator = await ds.iterator();
    const first = await iterator.next();
    expect((first.value as tf.Tensor).arraySync()).toEqual([1, 2]);
    (first.value as tf.Tensor).dispose();
    await iterator.return?.();
    expect(await readAll(fromArrays(new Uint8Array([7, 8])))).toEqual([[7], [8]]);
    expect(() => fromArrays([[1], [2]], [1, 2, 3])).toThrow(
      'fromArrays: `xs` and `ys` must have the same number of samples; received 2 and 3',
    );
  });
});

describe('Dataset memory', () => {
  const x = () => tf.tensor2d(range(40), [20, 2]);

  it('leaks nothing through a full pipeline when the consumer disposes its batches', async () => {
    const features = x();
    const labels = tf.tensor1d(range(20));
    const ds = fromArrays(features, labels)
      .map(({ xs, ys }) => ({ xs: tf.div(xs, 40), ys }))
      .filter(({ ys }) => ys.dataSync()[0] !== 5)
      .shuffle(6, { seed: 1 })
      .skip(1)
      .batch(4)
      .prefetch(2)
      .repeat(2);
    tf.dispose([features, labels]);
    await expectNoLeak(async () => {
      let rows = 0;
      for await (const { xs, ys } of ds) {
        rows += xs.shape[0] as number;
        tf.dispose([xs, ys]);
      }
      // 20 samples, one filtered out, one skipped: 18 rows per pass, two passes.
      expect(rows).toBe(36);
    });
  });

  it('frees its buffers when the consumer stops early', async () => {
    const features = x();
    const ds = fromArrays(features).shuffle(8, { seed: 2 }).batch(3).prefetch(3);
    features.dispose();
    await expectNoLeak(async () => {
      for await (const batch of ds) {
        batch.dispose();
        break;
      }
    });
    await expectNoLeak(async () => {
      const batches = await ds.take(2).toArray();
      expect(batches).toHaveLength(2);
      return batches;
    });
  });

  it('disposes the element when map throws', async () => {
    const features = x();
    const ds = fromArrays(features).map((t) => {
      if (t.dataSync()[0] === 4) throw new Error('boom');
      return tf.neg(t);
    });
    features.dispose();
    await expectNoLeak(async () => {
      const seen: tf.Tensor[] = [];
      await expect(ds.forEachAsync((t) => void seen.push(t))).rejects.toThrow('boom');
      return seen;
    });
  });

  it('validates batch and prefetch sizes', () => {
    expect(() => numbers(2).batch(0)).toThrow(
      'Dataset.batch: `batchSize` must be an integer >= 1; received 0',
    );
    expect(() => numbers(2).prefetch(1.5)).toThrow(
      'Dataset.prefetch: `bufferSize` must be an integer >= 1; received 1.5',
    );
  });
});
