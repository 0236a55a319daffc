import type * as tf from '@dendrite/tensor';
import type { NativeAddon, NativeOpCodes } from './addon.js';

/** What the kernel table hands each kernel's `build` function at registration. */
export interface KernelContext {
  /** The loaded addon. */
  readonly addon: NativeAddon;
  /** The addon's op codes by name (`NativeAddon.opCodes()`), read once. */
  readonly codes: NativeOpCodes;
  /** The cpu backend's kernel that runs whatever the native path does not take. */
  readonly fallback: tf.KernelFunc;
  /** The kernel's code in its `opCodes` table (`-1` for kernels without one). */
  readonly opCode: number;
}

/** Builds a kernel function from its context (one per row of the kernel table). */
export type KernelBuild = (context: KernelContext) => tf.KernelFunc;
