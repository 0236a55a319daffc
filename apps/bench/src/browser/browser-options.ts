import { parseOptions } from '../options.js';
import { BROWSER_BACKENDS, type BrowserBackend } from './driver.js';
import type { BrowserBenchOptions } from './run-browser-bench.js';

/** `pnpm bench --browser` options, with the number of training samples and the JSON path. */
export interface BrowserCommand extends BrowserBenchOptions {
  readonly samples: number;
  readonly synthetic: boolean;
  readonly json: string | undefined;
}

/**
 * Small defaults: SwiftShader renders on the CPU, and the whole run (3 backends × 2 models ×
 * 3 batch sizes × 2 libraries) should take minutes.
 */
export const BROWSER_DEFAULTS = Object.freeze({ samples: 1536, epochs: 2 });

/**
 * Parses `--browser [--backends webgl,webgpu,wasm] [--gpu]` plus the shared flags of
 * `parseOptions` (`--models`, `--batch-sizes`, `--frameworks`, `--epochs`, `--samples`,
 * `--repeats`, `--synthetic`, `--json`).
 */
export function parseBrowserOptions(argv: readonly string[]): BrowserCommand {
  const rest: string[] = [];
  let backends: BrowserBackend[] = [...BROWSER_BACKENDS];
  let gpu = false;
  const args = argv.flatMap((a) =>
    a.startsWith('--') && a.includes('=') ? a.split(/=(.*)/s, 2) : [a],
  );
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--browser') continue;
    if (arg === '--gpu') {
      gpu = true;
    } else if (arg === '--backends') {
      const value = args[++i] ?? '';
      backends = value.split(',').map((name) => {
        if (!BROWSER_BACKENDS.includes(name as BrowserBackend)) {
          throw new Error(
            `--backends: expected a comma list of ${BROWSER_BACKENDS.join(', ')}; received ${name}`,
          );
        }
        return name as BrowserBackend;
      });
    } else {
      rest.push(arg);
    }
  }
  const shared = parseOptions(rest);
  const given = (flag: string) => rest.includes(flag);
  return {
    backends,
    models: shared.models,
    batchSizes: shared.batchSizes,
    frameworks: shared.frameworks,
    epochs: given('--epochs') ? shared.epochs : BROWSER_DEFAULTS.epochs,
    samples: given('--samples') ? shared.samples : BROWSER_DEFAULTS.samples,
    repeats: shared.repeats,
    synthetic: shared.synthetic,
    json: shared.json,
    gpu,
  };
}
