import * as tf from '@dendrite/tensor';
import { expect } from 'vitest';

/** Disposes every tensor found in a returned value (tensor, array, plain object, map). */
export function disposeDeep(value: unknown, seen = new Set<unknown>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof tf.Tensor) {
    value.dispose();
  } else if (Array.isArray(value)) {
    for (const item of value) disposeDeep(item, seen);
  } else if (value instanceof Map) {
    for (const item of value.values()) disposeDeep(item, seen);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) disposeDeep(item, seen);
  }
}

/** Options of {@link expectNoLeak}. */
export interface LeakGuardOptions {
  /** The exact change in `tf.memory().numTensors` the call may leave behind. @defaultValue 0 */
  readonly delta?: number;
}

/**
 * Runs `fn`, disposes the tensors it returns, and asserts `tf.memory().numTensors` is back
 * where it was (or moved by exactly `delta`, for calls that create long-lived state).
 * @example await expectNoLeak(() => dense.apply(x));
 */
export async function expectNoLeak(
  fn: () => unknown,
  options: LeakGuardOptions = {},
): Promise<void> {
  const before = tf.memory().numTensors;
  const result = await fn();
  disposeDeep(result);
  const after = tf.memory().numTensors;
  expect(
    after - before,
    `tensor count changed by ${after - before} (before ${before}, after ${after})`,
  ).toBe(options.delta ?? 0);
}
