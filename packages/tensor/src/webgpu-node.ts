import type { BackendCandidate } from './backend.js';
import { BackendError } from './errors.js';
import { describeGpuAdapter, type GpuAdapterLike, gpuAdapterRefusal } from './gpu-adapter.js';

/** What the `webgpu` npm package (Dawn for Node) exports. */
export interface DawnModule {
  create(options: string[]): { requestAdapter(options?: object): Promise<GpuAdapterLike | null> };
  globals: Record<string, unknown>;
}

/** Options of {@link nodeWebGpuCandidate}; tests inject a fake Dawn here. */
export interface NodeWebGpuOptions {
  /** Imports the `webgpu` package. */
  readonly importDawn: () => Promise<unknown>;
  /** Imports tfjs' WebGPU backend, which registers itself when `navigator.gpu` exists. */
  readonly importBackend: () => Promise<unknown>;
}

type Gpu = ReturnType<DawnModule['create']>;

/**
 * Installs Dawn's WebGPU globals (`GPUBufferUsage`, ...) and `navigator.gpu` once, keeping a
 * `navigator.gpu` that is already there.
 */
function installGpu(dawn: DawnModule): Gpu {
  const scope = globalThis as { navigator?: { gpu?: Gpu } };
  if (scope.navigator?.gpu) return scope.navigator.gpu;
  if (typeof dawn.create !== 'function' || typeof dawn.globals !== 'object') {
    throw new BackendError('webgpu: the package exports no `create` and `globals`');
  }
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = value;
  }
  const gpu = dawn.create([]);
  if (scope.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  } else {
    Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true });
  }
  return gpu;
}

/**
 * Node's WebGPU route: loads the `webgpu` package, installs its globals and `navigator.gpu`,
 * then tfjs' WebGPU backend. `'auto'` takes it only on a real GPU (see `gpuAdapterRefusal`);
 * asked for by name it also runs on an emulation such as SwiftShader.
 */
export function nodeWebGpuCandidate(options: NodeWebGpuOptions): BackendCandidate {
  let adapter: GpuAdapterLike | null = null;
  return {
    name: 'webgpu',
    tfName: 'webgpu',
    module: 'webgpu',
    auto: true,
    priority: 30,
    load: async () => {
      const gpu = installGpu((await options.importDawn()) as DawnModule);
      // The adapter tfjs will ask for (it requests high performance too).
      adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (adapter === null) {
        throw new BackendError('no GPU adapter found (no Vulkan, Metal or D3D12 driver answered)');
      }
      await options.importBackend();
    },
    checkForAuto: async () => gpuAdapterRefusal(adapter),
    describe: () => (adapter === null ? undefined : describeGpuAdapter(adapter)),
  };
}
