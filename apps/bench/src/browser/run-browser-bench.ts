import type { BenchData } from '../data.js';
import type { BenchModel } from '../models.js';
import { type BrowserBackend, openBenchPage } from './driver.js';
import type { PageRunResult, PageRunSpec } from './page.js';

/** What `pnpm bench --browser` runs. */
export interface BrowserBenchOptions {
  readonly backends: readonly BrowserBackend[];
  readonly models: readonly BenchModel[];
  readonly batchSizes: readonly number[];
  readonly frameworks: readonly PageRunSpec['framework'][];
  readonly epochs: number;
  readonly repeats: number;
  /** Chromium on a real GPU (ANGLE on Vulkan, WebGPU on the GPU) instead of SwiftShader. */
  readonly gpu: boolean;
}

/** One measured run in the page. */
export interface BrowserRow extends PageRunSpec, PageRunResult {
  readonly backend: BrowserBackend;
  readonly renderer: string;
}

/** Everything one invocation measured. */
export interface BrowserReport {
  readonly rows: BrowserRow[];
  /** Kernels of one training step per backend, model and library (batch 32). */
  readonly kernels: Array<{
    backend: BrowserBackend;
    model: BenchModel;
    dendrite: number;
    tfjs: number;
  }>;
  readonly skipped: string[];
}

/**
 * Runs every configuration, one Chromium per backend, Dendrite and tfjs-layers alternating on the
 * same page (tfjs-layers first on odd repeats). A backend that cannot start is listed in `skipped`.
 */
export async function runBrowserBench(
  options: BrowserBenchOptions,
  data: BenchData,
  onRow: (row: BrowserRow) => void = () => {},
): Promise<BrowserReport> {
  const rows: BrowserRow[] = [];
  const kernels: BrowserReport['kernels'] = [];
  const skipped: string[] = [];
  for (const backend of options.backends) {
    let page: Awaited<ReturnType<typeof openBenchPage>>;
    try {
      page = await openBenchPage(backend, data, { gpu: options.gpu });
    } catch (error) {
      skipped.push(`${backend}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      continue;
    }
    const failed = (label: string, error: unknown) =>
      skipped.push(`${label}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    try {
      for (const model of options.models) {
        for (const batchSize of options.batchSizes) {
          for (let repeat = 0; repeat < options.repeats; repeat++) {
            const order =
              repeat % 2 === 0 ? [...options.frameworks] : [...options.frameworks].reverse();
            for (const framework of order) {
              const spec: PageRunSpec = { framework, model, batchSize, epochs: options.epochs };
              try {
                const result = await page.run(spec);
                const row = { ...spec, ...result, backend, renderer: page.renderer };
                rows.push(row);
                onRow(row);
              } catch (error) {
                failed(`${framework} ${model} ${backend} b${batchSize}`, error);
              }
            }
          }
        }
        try {
          kernels.push({
            backend,
            model,
            dendrite: (await page.profileStep(model, 'dendrite')).kernels,
            tfjs: (await page.profileStep(model, 'tfjs-layers')).kernels,
          });
        } catch (error) {
          failed(`kernel count ${model} ${backend}`, error);
        }
      }
    } finally {
      await page.close();
    }
  }
  return { rows, kernels, skipped };
}
