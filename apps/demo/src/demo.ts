import * as dd from 'dendrite';
import { type DemoOptions, parseDemoArgs, USAGE } from './args.js';
import { type DemoData, loadDemoData } from './data/load-data.js';
import { prepareData } from './data/prepare.js';
import type { ExperimentContext } from './experiments/context.js';
import { runDropout } from './experiments/dropout.js';
import { runEarlyStopping } from './experiments/early-stopping.js';
import { runVanishing } from './experiments/vanishing.js';
import { runModel } from './run-model.js';

/** What {@link runDemo} did: the options, the backend line and the run's numbers. */
export interface DemoOutcome {
  readonly options: DemoOptions;
  readonly backend: dd.BackendChoice | undefined;
  readonly metrics: unknown;
  readonly files: string[];
}

/** Options of {@link runDemo} beyond the command line (for tests). */
export interface RunDemoOptions {
  readonly log?: (line: string) => void;
  /** Already-loaded data (tests share one copy). */
  readonly data?: DemoData;
}

/** The demo: parse arguments, pick the backend, load and prepare the data, train, report. */
export async function runDemo(
  argv: readonly string[],
  extra: RunDemoOptions = {},
): Promise<DemoOutcome> {
  const log = extra.log ?? console.log;
  const options = parseDemoArgs(argv);
  if (options.help) {
    log(USAGE);
    return { options, backend: undefined, metrics: undefined, files: [] };
  }
  const backend = await dd.useBackend(options.backend, { log });
  const raw =
    extra.data ??
    (await loadDemoData({
      ...(options.data === undefined ? {} : { folder: options.data }),
      download: options.download,
      log,
    }));
  log(`Data: ${raw.source}`);
  const data = prepareData(raw, {
    ...(options.subset === undefined ? {} : { subset: options.subset }),
    seed: options.seed,
  });
  try {
    const context: ExperimentContext = { data, raw, options, log };
    switch (options.experiment) {
      case 'vanishing': {
        const { metrics, files } = await runVanishing(context);
        return { options, backend, metrics, files };
      }
      case 'dropout': {
        const { metrics, files } = await runDropout(context);
        return { options, backend, metrics, files };
      }
      case 'early-stopping': {
        const { metrics, files } = await runEarlyStopping(context);
        return { options, backend, metrics, files };
      }
      default: {
        const result = await runModel(data, raw, { ...options, log });
        return { options, backend, metrics: result, files: result.files };
      }
    }
  } finally {
    data.dispose();
  }
}
