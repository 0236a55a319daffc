import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { beforeAll, beforeEach } from 'vitest';
import { loadAddon, type NativeAddon } from '../src/addon.js';
import { nativeBackendName, registerNativeBackend } from '../src/index.js';
import { describeNative } from './native-gate.js';

/** How many times each addon function ran, to prove a kernel took the native path. */
export const addonCalls: Record<string, number> = {};

/** Registers the native backend with an addon that counts its calls. */
export function registerCountingBackend(): void {
  const real = loadAddon();
  const counting = Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        addonCalls[name] = (addonCalls[name] ?? 0) + 1;
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as NativeAddon;
  registerNativeBackend({ loadAddon: () => counting });
}

/** Seeded standard-normal values. */
export function normal(size: number, seed: number): Float32Array {
  const random = tf.createRandom(seed);
  return Float32Array.from({ length: size }, () => random.nextNormal());
}

/** A tensor of seeded standard-normal values. */
export function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(normal(tf.util.sizeFromShape(shape), seed), shape);
}

/**
 * Runs `fn` on the cpu backend (the reference) and on the native backend, and asserts every
 * output matches in shape and values. Leaves the native backend active.
 */
export async function expectSameOnBothBackends(
  fn: () => tf.Tensor | tf.Tensor[],
  options: { rtol?: number; atol?: number; label?: string } = {},
): Promise<void> {
  const results: Array<Array<{ shape: number[]; values: number[] }>> = [];
  for (const name of ['cpu', nativeBackendName]) {
    await tf.setBackend(name);
    const outputs = tf.tidy(fn);
    const list = Array.isArray(outputs) ? outputs : [outputs];
    results.push(list.map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) })));
    tf.dispose(list);
  }
  const [cpu = [], native = []] = results;
  if (cpu.length !== native.length) throw new Error(`${cpu.length} outputs vs ${native.length}`);
  cpu.forEach((expected, i) => {
    const actual = native[i] ?? { shape: [], values: [] };
    const label = `${options.label ?? 'output'} ${i}`;
    if (actual.shape.join(',') !== expected.shape.join(',')) {
      throw new Error(`${label}: shape [${actual.shape}] differs from cpu's [${expected.shape}]`);
    }
    expectClose(actual.values, expected.values, {
      rtol: options.rtol ?? 1e-4,
      atol: options.atol ?? 1e-4,
      label,
    });
  });
}

/**
 * `describe` for kernel tests: skipped without the addon (as `describeNative`); registers the
 * counting native backend first and makes it the active backend before each test.
 */
export function describeKernels(name: string, body: () => void): void {
  describeNative(name, () => {
    beforeAll(() => registerCountingBackend());
    beforeEach(() => tf.setBackend(nativeBackendName));
    body();
  });
}

/** One convolution of the kernel tests: shapes of `x` and the filter, strides and padding. */
export interface ConvCase {
  readonly label: string;
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  readonly dilations?: number;
}

/** A {@link ConvCase} from its fields in order (one line per case in a table). */
export function convCase(
  label: string,
  x: ConvCase['x'],
  filter: ConvCase['filter'],
  strides: ConvCase['strides'],
  pad: ConvCase['pad'],
): ConvCase {
  return { label, x, filter, strides, pad };
}
