/** The fields of a WebGPU adapter's `info` that tell a real GPU from a CPU emulation. */
export interface GpuAdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  /** Dawn's adapter type (`'discrete GPU'`, `'integrated GPU'`, `'CPU'`, ...), where exposed. */
  readonly type?: string;
}

/** The slice of a `GPUAdapter` read here. */
export interface GpuAdapterLike {
  readonly info?: GpuAdapterInfo;
  /** True for a software fallback adapter (WebGPU spec). */
  readonly isFallbackAdapter?: boolean;
}

// Software rasterizers that present themselves as Vulkan/D3D/Metal devices.
const EMULATORS = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

/** One line naming the adapter, e.g. `SwiftShader driver 5.0.0 (google, swiftshader)`. */
export function describeGpuAdapter(adapter: GpuAdapterLike): string {
  const info = adapter.info ?? {};
  const name = info.description || info.device || 'unnamed adapter';
  const details = [info.vendor, info.architecture, info.type].filter((part) => part);
  return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}

/**
 * Why `adapter` is not a real GPU, or `undefined` when it is one: `'auto'` leaves a missing
 * adapter, a fallback adapter, a CPU-type adapter and the known software rasterizers
 * (SwiftShader, llvmpipe, lavapipe, WARP) to the CPU backends, which train faster than an
 * emulated GPU.
 */
export function gpuAdapterRefusal(adapter: GpuAdapterLike | null | undefined): string | undefined {
  if (adapter === null || adapter === undefined) return 'no GPU adapter found';
  const info = adapter.info ?? {};
  const described = describeGpuAdapter(adapter);
  if (adapter.isFallbackAdapter === true) return `adapter ${described} is a software fallback`;
  if (/\bcpu\b/i.test(info.type ?? '')) return `adapter ${described} runs on the CPU`;
  const text = [info.vendor, info.architecture, info.device, info.description].join(' ');
  if (EMULATORS.test(text)) return `adapter ${described} emulates a GPU on the CPU`;
  return undefined;
}
