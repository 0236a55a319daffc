import { ConfigError, configMessage } from './errors.js';

/**
 * A small seeded pseudo-random generator (mulberry32), used wherever Dendrite needs
 * reproducible randomness in JavaScript: shuffles, splits, seeds handed to tfjs ops.
 */
export class RandomGenerator {
  // Kept as a signed 32-bit integer: V8 stores those unboxed, while values above 2³¹ (half of
  // all uint32 states) would be boxed anew on every draw. The bits are the same either way.
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /**
   * The generator's position: a 32-bit integer that {@link setState} returns it to, so a
   * resumed run draws exactly what an uninterrupted one would have drawn.
   */
  getState(): number {
    return this.state;
  }

  /** Returns the generator to a position read by {@link getState}. */
  setState(state: number): void {
    if (
      typeof state !== 'number' ||
      !Number.isInteger(state) ||
      state < -0x80000000 ||
      state > 0xffffffff
    ) {
      throw new ConfigError(
        configMessage('RandomGenerator.setState', 'state', 'a 32-bit integer', state),
      );
    }
    this.state = state | 0;
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /**
   * Fills `out` with a dropout mask: each entry `0` with probability `rate`, else `scale`, drawn
   * in order exactly as `next() < rate` would be, but with the state kept in a local across the
   * loop (several times faster than a call per entry).
   */
  fillMask(out: Float32Array, rate: number, scale: number): Float32Array {
    // next() < rate  ⇔  nextUint32() < rate·2³², exactly: dividing by 2³² is exact in a double.
    const threshold = rate * 4294967296;
    let state = this.state;
    for (let i = 0; i < out.length; i++) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = (t ^ (t >>> 14)) >>> 0 < threshold ? 0 : scale;
    }
    this.state = state;
    return out;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal sample (Box-Muller). */
  nextNormal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return this.shuffle(order);
  }
}

let globalSeed: number | undefined;
let globalStream: RandomGenerator | undefined;

/**
 * Makes every later random draw repeatable: initializers, dropout masks, shuffles and splits
 * that were not given their own seed take seeds from one stream started here.
 * @example setSeed(42)
 */
export function setSeed(seed: number): void {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ConfigError(configMessage('setSeed', 'seed', 'an integer in [0, 2^32)', seed));
  }
  globalSeed = seed;
  globalStream = new RandomGenerator(seed);
}

/** The seed last passed to {@link setSeed}, or `undefined` when randomness is unseeded. */
export function getSeed(): number | undefined {
  return globalSeed;
}

/** Forgets the global seed: later draws are not repeatable. */
export function clearSeed(): void {
  globalSeed = undefined;
  globalStream = undefined;
}

/**
 * The position of the global stream started by {@link setSeed} (which seeds initializers and
 * dropout masks), or `undefined` when randomness is unseeded. Backups save it.
 */
export function getRandomState(): number | undefined {
  return globalStream?.getState();
}

/**
 * Returns the global stream to a position read by {@link getRandomState} (starting the stream
 * if none is running), so the draws that follow repeat those of the run that saved it.
 */
export function setRandomState(state: number): void {
  const stream = new RandomGenerator(0);
  stream.setState(state);
  globalStream = stream;
}

/**
 * The next seed for a random operation: from the global stream when {@link setSeed} was
 * called, else fresh randomness. Always an integer in [0, 2^31).
 */
export function nextSeed(): number {
  if (globalStream) return globalStream.nextUint32() >>> 1;
  return Math.floor(Math.random() * 0x7fffffff);
}

/** A generator seeded by `seed`, or by {@link nextSeed} when none is given. */
export function createRandom(seed?: number): RandomGenerator {
  return new RandomGenerator(seed ?? nextSeed());
}
