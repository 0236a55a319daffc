import type { DemoOptions } from '../args.js';
import type { DemoData } from '../data/load-data.js';
import type { PreparedData } from '../data/prepare.js';

/** What every experiment gets: the prepared tensors, the raw bytes, the options and a logger. */
export interface ExperimentContext {
  readonly data: PreparedData;
  readonly raw: DemoData;
  readonly options: DemoOptions;
  readonly log: (line: string) => void;
}

/** The numbers and files an experiment produced. */
export interface ExperimentResult<Metrics> {
  readonly metrics: Metrics;
  readonly files: string[];
}
