import { afterEach, describe, expect, it } from 'vitest';
import {
  clearSeed,
  createRandom,
  getRandomState,
  nextSeed,
  RandomGenerator,
  setRandomState,
  setSeed,
} from './random.js';

afterEach(() => clearSeed());

describe('RandomGenerator', () => {
  it('is mulberry32: the first outputs for seed 0 match the reference algorithm', () => {
    // Reference: mulberry32 re-implemented in Python with 32-bit masks (seed 0):
    // s += 0x6D2B79F5; t = (s ^ s>>15) * (s|1); t ^= t + (t ^ t>>7) * (t|61); out = t ^ t>>14
    const rng = new RandomGenerator(0);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      1144304738, 1416247, 958946056,
    ]);
  });

  it('draws uniform floats with mean 1/2 and variance 1/12', () => {
    const rng = new RandomGenerator(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('permutes 0..n-1 without losing an element', () => {
    const order = Array.from(new RandomGenerator(3).permutation(1000)).sort((a, b) => a - b);
    expect(order).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});

describe('setSeed', () => {
  it('makes the seed stream repeatable', () => {
    setSeed(42);
    const first = [nextSeed(), nextSeed(), createRandom().next()];
    setSeed(42);
    expect([nextSeed(), nextSeed(), createRandom().next()]).toEqual(first);
    setSeed(43);
    expect(nextSeed()).not.toBe(first[0]);
  });

  it('rejects a seed that is not a 32-bit unsigned integer', () => {
    expect(() => setSeed(-1)).toThrow(
      'setSeed: `seed` must be an integer in [0, 2^32); received -1',
    );
    expect(() => setSeed(1.5)).toThrow('received 1.5');
  });
});

describe('RandomGenerator.fillMask', () => {
  it('draws exactly the mask `next() < rate ? 0 : scale` would, and advances the same', () => {
    const a = createRandom(99);
    const b = createRandom(99);
    const mask = a.fillMask(new Float32Array(1000), 0.3, 1 / 0.7);
    const want = Float32Array.from({ length: 1000 }, () => (b.next() < 0.3 ? 0 : 1 / 0.7));
    expect(Array.from(mask)).toEqual(Array.from(want));
    expect(a.nextUint32()).toBe(b.nextUint32());
    // About 30 % zeros: 1000 draws, binomial sd ≈ 14.5.
    const zeros = mask.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(250);
    expect(zeros).toBeLessThan(350);
  });

  it('keeps seeds above 2³¹ on the same sequence', () => {
    const big = createRandom(0xfffffff0);
    const same = createRandom(-16);
    expect([big.nextUint32(), big.nextUint32()]).toEqual([same.nextUint32(), same.nextUint32()]);
  });
});

describe('random state', () => {
  it('a generator returned to a saved position repeats its draws', () => {
    const rng = new RandomGenerator(11);
    rng.permutation(50);
    const saved = rng.getState();
    const ahead = [rng.nextUint32(), rng.next(), ...rng.permutation(9)];
    rng.nextUint32();
    rng.setState(saved);
    expect([rng.nextUint32(), rng.next(), ...rng.permutation(9)]).toEqual(ahead);
    // A copy set to the same position draws the same.
    const copy = new RandomGenerator(0);
    copy.setState(saved);
    expect(copy.nextUint32()).toBe(ahead[0]);
    expect(() => rng.setState(1.5)).toThrow(
      'RandomGenerator.setState: `state` must be a 32-bit integer; received 1.5',
    );
  });

  it('the global stream resumes from a saved position, also in a fresh unseeded session', () => {
    expect(getRandomState()).toBeUndefined();
    setSeed(5);
    nextSeed();
    const saved = getRandomState() as number;
    const ahead = [nextSeed(), nextSeed(), nextSeed()];
    clearSeed();
    setRandomState(saved);
    expect([nextSeed(), nextSeed(), nextSeed()]).toEqual(ahead);
  });
});
