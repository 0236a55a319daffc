import * as tf from '@dendrite/tensor';
import { isPlainObject } from './samples.js';

/** Adds every tensor inside `value` (a tensor, or arrays / plain objects of them) to `into`. */
export function collectTensors(value: unknown, into = new Set<tf.Tensor>()): Set<tf.Tensor> {
  if (value instanceof tf.Tensor) into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectTensors(item, into);
  else if (isPlainObject(value))
    for (const item of Object.values(value)) collectTensors(item, into);
  return into;
}

/** Disposes every tensor inside `value` except those in `keep`. */
export function disposeTree(value: unknown, keep?: ReadonlySet<tf.Tensor>): void {
  for (const tensor of collectTensors(value)) if (!keep?.has(tensor)) tensor.dispose();
}

/** A copy of `value` in which every tensor is replaced by a clone (sharing data, new handle). */
export function cloneTree<T>(value: T): T {
  if (value instanceof tf.Tensor) return tf.clone(value) as T;
  if (Array.isArray(value)) return value.map((item) => cloneTree(item)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneTree(v)])) as T;
  }
  return value;
}
