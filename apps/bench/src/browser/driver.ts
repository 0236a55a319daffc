import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { BenchData } from '../data.js';
import type { BenchModel } from '../models.js';
import type { PageRunResult, PageRunSpec } from './page.js';

/** The backends `pnpm bench --browser` runs on. */
export type BrowserBackend = 'webgl' | 'webgpu' | 'wasm';

export const BROWSER_BACKENDS: readonly BrowserBackend[] = ['webgl', 'webgpu', 'wasm'];

/** Where Debian installs Chromium; `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const origin = 'http://dendrite-bench.localhost';

/**
 * Chromium's flags: WebGL through ANGLE on SwiftShader, WebGPU on SwiftShader's Vulkan, and no
 * background traffic. `gpu: true` (a machine with a GPU) lets ANGLE use Vulkan on it instead.
 */
export function chromiumArgs(backend: BrowserBackend, gpu = false): string[] {
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--ignore-gpu-blocklist',
    // Containers often give /dev/shm 64 MiB; WebGPU's mapped buffers then fail to allocate.
    '--disable-dev-shm-usage',
    ...(gpu ? ['--use-angle=vulkan'] : ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']),
  ];
  if (backend === 'webgpu') {
    args.push('--enable-unsafe-webgpu', '--enable-features=Vulkan');
    if (!gpu) args.push('--use-webgpu-adapter=swiftshader');
  }
  return args;
}

/** Bundles the page script (one tfjs-core for Dendrite and tfjs-layers). */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@dendrite/source', 'browser'],
    logLevel: 'error',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The folder holding tfjs' `.wasm` binaries. */
function wasmFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/** Serves the page, its script, the wasm binaries and the data from memory (no server). */
async function servePage(page: Page, script: string, data: BenchData): Promise<void> {
  const payload = Buffer.concat([
    Buffer.from(data.images.buffer, data.images.byteOffset, data.images.byteLength),
    Buffer.from(data.labels.buffer, data.labels.byteOffset, data.labels.byteLength),
  ]);
  const wasm = wasmFolder();
  await page.route(`${origin}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') {
      await route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>',
      });
    } else if (path === '/bench.js') {
      await route.fulfill({ contentType: 'text/javascript', body: script });
    } else if (path === '/data.bin') {
      await route.fulfill({ contentType: 'application/octet-stream', body: payload });
    } else if (path.startsWith('/wasm/') && existsSync(join(wasm, path.slice(6)))) {
      await route.fulfill({
        contentType: 'application/wasm',
        body: readFileSync(join(wasm, path.slice(6))),
      });
    } else {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
}

/** The page's kernel checks, by the name the page exposes them under. */
export type KernelCheckName =
  | 'checkAdam'
  | 'checkMatMul'
  | 'checkSoftmaxCrossEntropy'
  | 'checkDenseGrad'
  | 'checkDropout'
  | 'checkSoftmaxAccuracy'
  | 'checkPackedUpload';

/** A fused kernel checked in the page: registered, its largest gap, tensors left behind. */
export interface KernelCheck {
  readonly registered: boolean;
  readonly worst: number;
  readonly leaked: number;
}

/** One backend's Chromium with the bench page loaded and started. */
export interface BenchPage {
  readonly renderer: string;
  run(spec: PageRunSpec): Promise<PageRunResult>;
  profileStep(
    model: BenchModel,
    framework: PageRunSpec['framework'],
  ): Promise<{ kernels: number; names: string[] }>;
  /**
   * One of the page's kernel checks (`kernel-checks.ts`, `engine-checks.ts`): a Dendrite kernel
   * or the batch upload on this backend against its reference (the composed ops, the cpu kernels
   * or the contract's mask).
   */
  checkKernel(name: KernelCheckName): Promise<KernelCheck>;
  /** Reads to the host and uploads to the device per training step. */
  transfers(spec: PageRunSpec): Promise<{ readSync: number; read: number; upload: number }>;
  close(): Promise<void>;
}

let script: string | undefined;

/** Launches Chromium for `backend`, loads the page and starts the backend there. */
export async function openBenchPage(
  backend: BrowserBackend,
  data: BenchData,
  options: { gpu?: boolean } = {},
): Promise<BenchPage> {
  script ??= await bundlePage();
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs(backend, options.gpu),
    headless: true,
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // WebGPU validation errors and a lost device reach the page only as console messages.
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        console.warn(`[chromium ${backend}] ${message.text().split('\n')[0]}`);
      }
    });
    await servePage(page, script, data);
    await page.goto(`${origin}/`);
    await page
      .waitForFunction(() => 'dendriteBench' in globalThis, undefined, { timeout: 60_000 })
      .catch(() => {
        throw new Error(
          `the bench page did not start: ${errors.join('; ') || 'no error reported'}`,
        );
      });
    type Bench = {
      start(backend: string, samples: number): Promise<string>;
      run(spec: PageRunSpec): Promise<PageRunResult>;
      profileStep(
        model: BenchModel,
        framework: string,
      ): Promise<{ kernels: number; names: string[] }>;
      transfersPerStep(
        spec: PageRunSpec,
      ): Promise<{ readSync: number; read: number; upload: number }>;
    } & Record<KernelCheckName, () => Promise<KernelCheck>>;
    // Each function is sent to the page as source, so it reaches the bench through globalThis.
    const renderer = await page.evaluate(
      ([name, samples]) =>
        (globalThis as unknown as { dendriteBench: Bench }).dendriteBench.start(
          name as string,
          samples as number,
        ),
      [backend, data.samples] as const,
    );
    return {
      renderer,
      run: (spec) =>
        page.evaluate(
          (s) => (globalThis as unknown as { dendriteBench: Bench }).dendriteBench.run(s),
          spec,
        ),
      profileStep: (model, framework) =>
        page.evaluate(
          ([m, f]) =>
            (globalThis as unknown as { dendriteBench: Bench }).dendriteBench.profileStep(
              m as BenchModel,
              f as string,
            ),
          [model, framework] as const,
        ),
      transfers: (spec) =>
        page.evaluate(
          (s) =>
            (globalThis as unknown as { dendriteBench: Bench }).dendriteBench.transfersPerStep(s),
          spec,
        ),
      checkKernel: (name) =>
        page.evaluate(
          (n) => (globalThis as unknown as { dendriteBench: Bench }).dendriteBench[n](),
          name,
        ),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
