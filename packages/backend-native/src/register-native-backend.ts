import { availableParallelism } from 'node:os';
import * as tf from '@dendrite/tensor';
import { loadAddon, loadAddonOrExplain, type NativeAddon } from './addon.js';
import { nativeBackendName } from './backend-name.js';
import { cpuKernel, createCpuBackend, ensureCpuBackend } from './cpu-kernels.js';
import { nativeKernelTable } from './kernel-table.js';

export { nativeBackendName };

/**
 * The kernels this backend replaces, from {@link nativeKernelTable}: products and convolutions
 * on OpenBLAS, element-wise ops, softmax and sums in native loops, Dendrite's fused Adam update,
 * Dense product, Dense backward pass, dropout, softmax cross-entropy and accuracy, a Dense chain's
 * whole step, and the max-pooling gradient. Every other kernel is tfjs's cpu kernel.
 */
export const nativeKernelNames: readonly string[] = Object.freeze(
  nativeKernelTable.map((kernel) => kernel.kernelName),
);

/**
 * The most threads one kernel may use. Each runs its own single-threaded OpenBLAS call, and
 * OpenBLAS keeps a fixed table of per-thread buffers; 16 also covers the products of a training
 * step, whose bands of rows get too thin to gain from more.
 */
const maxThreads = 16;

/** Options of {@link registerNativeBackend}. */
export interface NativeBackendOptions {
  /**
   * The most threads one kernel uses, at most 16: the addon's own workers split a product into
   * bands of rows (one per million multiply-adds), and the Adam update and dropout split large
   * arrays. @defaultValue `os.availableParallelism()`, at most 16
   */
  readonly threads?: number;
  /** tfjs backend priority; above wasm (2) and below tfjs-node (3). @defaultValue 2.5 */
  readonly priority?: number;
  /**
   * Keep freed large blocks in the C heap (glibc's `M_MMAP_THRESHOLD` 32 MiB, `M_TRIM_THRESHOLD`
   * 512 MiB) so a tensor output reuses pages already mapped instead of faulting in fresh ones;
   * on the machine of BENCHMARKS.md that made a 512×100 product 2.4× faster end to end. The
   * setting is process-wide and leaves freed memory to the process (no effect off glibc).
   * @defaultValue true
   */
  readonly keepFreedMemory?: boolean;
  /** Loads the compiled addon; replaced in tests and for custom builds. @defaultValue the addon in `build/Release` */
  readonly loadAddon?: () => NativeAddon;
}

function isDendriteKernel(kernelName: string): boolean {
  return kernelName.startsWith('Dendrite');
}

/** The fallback of a kernel that has none: its build never calls it. */
function noFallback(kernelName: string): tf.KernelFunc {
  return () => {
    throw new tf.BackendError(`dendrite-native: '${kernelName}' has no cpu fallback`);
  };
}

let registeredAddon: NativeAddon | undefined;

/** The kernel configs of {@link nativeKernelTable}, built against `addon`. */
function nativeKernels(addon: NativeAddon): Array<Omit<tf.KernelConfig, 'backendName'>> {
  const codes = addon.opCodes();
  return nativeKernelTable.map(({ kernelName, opCodes, fallback, build }) => {
    const table = opCodes === undefined ? undefined : codes[opCodes];
    const opCode =
      table === undefined ? -1 : Object.hasOwn(table, kernelName) ? table[kernelName] : undefined;
    if (opCode === undefined) {
      throw new tf.BackendError(
        `registerNativeBackend: the addon has no ${opCodes} op code for '${kernelName}'; it is older than this package: rebuild it (\`pnpm rebuild @dendrite/backend-native\`)`,
      );
    }
    const otherwise = fallback === undefined ? noFallback(kernelName) : cpuKernel(fallback);
    return { kernelName, kernelFunc: build({ addon, codes, fallback: otherwise, opCode }) };
  });
}

/**
 * Registers the `'dendrite-native'` tfjs backend: tfjs's cpu backend with the kernels of
 * {@link nativeKernelTable} (products, convolutions, element-wise ops, sums, softmax, the fused
 * Adam step) replaced by native ones, the products on multi-threaded OpenBLAS.
 * Idempotent (later calls only change the thread count). Throws a `BackendError` saying how
 * to build the addon when it is missing. `useBackend('native')` calls it for you.
 * @example
 * registerNativeBackend();
 * await tf.setBackend('dendrite-native');
 */
export function registerNativeBackend(options: NativeBackendOptions = {}): void {
  const threads = options.threads ?? Math.min(availableParallelism(), maxThreads);
  if (!Number.isInteger(threads) || threads < 1 || threads > maxThreads) {
    throw new tf.ConfigError(
      tf.configMessage(
        'registerNativeBackend',
        'threads',
        `an integer from 1 to ${maxThreads}`,
        threads,
      ),
    );
  }
  const keepFreed = options.keepFreedMemory ?? true;
  if (typeof keepFreed !== 'boolean') {
    throw new tf.ConfigError(
      tf.configMessage('registerNativeBackend', 'keepFreedMemory', 'a boolean', keepFreed),
    );
  }
  const addon = registeredAddon ?? loadAddonOrExplain(options.loadAddon ?? loadAddon);
  addon.setNumThreads(threads);
  if (keepFreed) addon.keepFreedMemory(32 * 2 ** 20, 512 * 2 ** 20);
  if (registeredAddon !== undefined && tf.findBackendFactory(nativeBackendName) !== null) return;

  ensureCpuBackend();
  // The cpu versions of Dendrite's own kernels are the fallbacks of the native ones.
  tf.registerDendriteKernels();
  const native = nativeKernels(addon);
  const overridden = new Set(nativeKernelNames);
  // Dendrite's own kernels registered for cpu are JavaScript stand-ins for the native ones here.
  const cpu = tf
    .getKernelsForBackend('cpu')
    .filter((kernel) => !overridden.has(kernel.kernelName) && !isDendriteKernel(kernel.kernelName));
  for (const kernel of [...cpu, ...native]) {
    if (tf.getKernel(kernel.kernelName, nativeBackendName) === undefined) {
      tf.registerKernel({ ...kernel, backendName: nativeBackendName });
    }
  }
  tf.registerBackend(nativeBackendName, createCpuBackend, options.priority ?? 2.5);
  // fit's batches: rows copied on the addon's threads.
  tf.registerRowGather(nativeBackendName, (...rows) => addon.gatherRows(...rows));
  // Its tensors are host arrays: metrics may keep their running totals on the host.
  tf.registerHostBackend(nativeBackendName);
  registeredAddon = addon;
}
