import * as tf from '@dendrite/tensor';
import { type BatchLabels, castInputs, checkBatch } from './batch-checks.js';
import type { CompiledState } from './compile.js';
import type { EngineModel } from './engine-model.js';
import type { Batch, EpochIterator } from './epoch-iterator.js';
import { NonFiniteWatch } from './nonfinite-watch.js';

/** One batch of a dataset: `{xs, ys}` (tfjs-data style) or `[x, y]`. */
export type DatasetBatch =
  | { readonly xs: tf.Tensor | tf.Tensor[]; readonly ys: tf.Tensor | tf.Tensor[] }
  | readonly [tf.Tensor | tf.Tensor[], tf.Tensor | tf.Tensor[]];

/** A source of batches iterated again each epoch: an (async) iterable or a tfjs-data `Dataset`. */
export type FitDatasetSource =
  | AsyncIterable<DatasetBatch>
  | Iterable<DatasetBatch>
  | { iterator(): Promise<{ next(): Promise<IteratorResult<DatasetBatch>> }> };

/** Whether `value` is a dataset source rather than a tensor or a list of tensors. */
export function isDatasetSource(value: unknown): value is FitDatasetSource {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof tf.Tensor || Array.isArray(value)) return false;
  return (
    Symbol.asyncIterator in value ||
    Symbol.iterator in value ||
    typeof (value as { iterator?: unknown }).iterator === 'function'
  );
}

/** One pass over a source, whatever interface it offers. */
export async function* iterate(source: FitDatasetSource): AsyncGenerator<unknown> {
  if (
    'iterator' in source &&
    typeof source.iterator === 'function' &&
    !(Symbol.asyncIterator in source)
  ) {
    const it = await source.iterator();
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    return;
  }
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<DatasetBatch>;
    return;
  }
  yield* source as Iterable<DatasetBatch>;
}

function asTensors(value: unknown): tf.Tensor[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((t) => t instanceof tf.Tensor) ? list : undefined;
}

function tensorsIn(value: unknown, depth = 0): tf.Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  if (depth > 2 || typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap((v) => tensorsIn(v, depth + 1));
}

function describeElement(value: unknown): string {
  if (value instanceof tf.Tensor) return `a tensor of shape [${value.shape.join(', ')}]`;
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value !== 'object' || value === null) return tf.describeValue(value);
  return `an object with keys {${Object.keys(value).join(', ')}}`;
}

/**
 * The inputs and targets of a dataset element: `{xs, ys}` or `[x, y]`; without `needTargets`
 * also `{xs}` or a bare tensor (what `predict` reads). Anything else is freed and named.
 */
export function unpackElement(
  owner: string,
  element: unknown,
  where: string,
  needTargets: boolean,
): [tf.Tensor[], tf.Tensor[] | undefined] {
  let x: unknown;
  let y: unknown;
  if (!needTargets && element instanceof tf.Tensor) {
    x = element;
  } else if (
    Array.isArray(element) &&
    (element.length === 2 || (!needTargets && element.length === 1))
  ) {
    [x, y] = element;
  } else if (typeof element === 'object' && element !== null && 'xs' in element) {
    ({ xs: x, ys: y } = element as { xs: unknown; ys?: unknown });
  }
  const xs = asTensors(x);
  const ys = y === undefined ? undefined : asTensors(y);
  if (!xs || (y !== undefined && !ys) || (needTargets && !ys)) {
    tf.dispose(tensorsIn(element));
    const shape = needTargets ? '{xs, ys} or [x, y]' : '{xs}, {xs, ys}, [x, y] or a tensor';
    throw new tf.ConfigError(
      `${owner}: each dataset element must be ${shape}, with tensors or lists of tensors; ${where} is ${describeElement(element)}`,
    );
  }
  return [xs, ys];
}

const DATASET_LABELS = { x: 'xs', y: 'ys' } as const;

/**
 * Batches from a dataset, iterated afresh each epoch (at most `steps` batches of it). Each
 * batch is checked like tensor data (shapes, sample counts, sparse labels), its inputs cast to
 * the input dtypes, and watched for NaN on the device: reported at the epoch's end.
 */
export class DatasetEpochs implements EpochIterator {
  readonly samples = undefined;
  readonly batchSize = undefined;
  readonly random = undefined;
  private readonly watch: NonFiniteWatch;

  constructor(
    private readonly owner: string,
    private readonly model: EngineModel,
    private readonly state: CompiledState | undefined,
    private readonly source: FitDatasetSource,
    readonly steps: number | undefined,
    private readonly needTargets = true,
  ) {
    this.watch = new NonFiniteWatch(owner);
  }

  async *epoch(epoch: number): AsyncGenerator<Batch> {
    let step = 0;
    for await (const element of iterate(this.source)) {
      yield this.check(element, epoch, step);
      step++;
      if (step === this.steps) break;
    }
    if (step === 0) {
      throw new tf.ValueError(`${this.owner}: the dataset yielded no batches in epoch ${epoch}`);
    }
  }

  private check(element: unknown, epoch: number, step: number): Batch {
    const [raw, ys] = unpackElement(
      this.owner,
      element,
      `element ${step} of epoch ${epoch}`,
      this.needTargets,
    );
    let xs = raw;
    try {
      const labels: BatchLabels = { ...DATASET_LABELS, counts: `${this.owner} (batch ${step})` };
      const size = checkBatch(this.owner, this.model, this.state, raw, ys, labels);
      xs = castInputs(this.model.getTopology(), raw);
      if (ys) this.watch.observe(step, [...xs, ...ys]);
      return { xs, ys: ys ?? [], weights: (ys ?? []).map(() => undefined), size };
    } catch (error) {
      tf.dispose([...raw, ...(ys ?? [])]);
      throw error;
    } finally {
      // The casts replace the dataset's tensors: those are freed here.
      tf.dispose(raw.filter((t) => !xs.includes(t)));
    }
  }

  finishEpoch(epoch: number): void {
    this.watch.report(epoch);
  }

  dispose(): void {
    this.watch.dispose();
  }
}
