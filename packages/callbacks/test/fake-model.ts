// A tiny stand-in for the training engine: linear regression trained by SGD with momentum,
// driving a CallbackList the way `fit` does (await only real promises, batch logs every N).
import * as tf from '@dendrite/tensor';
import type { Callback } from '../src/callback.js';
import { CallbackList } from '../src/callback-list.js';
import { History } from '../src/history.js';
import type { Logs, NamedTensor, TrainingModel, TrainingOptimizer } from '../src/training-model.js';

function zeroVariable(like: tf.Tensor | number[], trainable: boolean, name?: string): tf.Variable {
  const zeros = Array.isArray(like) ? tf.zeros(like) : tf.zerosLike(like);
  const variable = tf.variable(zeros, trainable, name);
  zeros.dispose();
  return variable;
}

export class FakeOptimizer implements TrainingOptimizer {
  learningRate: number | unknown;
  iterations = 0;
  momentum: tf.Variable[] = [];

  constructor(
    learningRate: number,
    private readonly variables: tf.Variable[],
  ) {
    this.learningRate = learningRate;
  }

  currentLearningRate(): number {
    return this.learningRate as number;
  }

  step(grads: tf.Tensor[]): void {
    if (this.momentum.length === 0) {
      this.momentum = this.variables.map((v) => zeroVariable(v, false));
    }
    const lr = this.currentLearningRate();
    tf.tidy(() => {
      grads.forEach((g, i) => {
        const m = this.momentum[i] as tf.Variable;
        m.assign(m.mul(0.9).add(g));
        const v = this.variables[i] as tf.Variable;
        v.assign(v.sub(m.mul(lr)));
      });
    });
    this.iterations += 1;
  }

  getWeights(): NamedTensor[] {
    return [
      { name: 'iteration', tensor: tf.scalar(this.iterations, 'int32') },
      ...this.momentum.map((m, i) => ({ name: `v${i}/momentum`, tensor: m.clone() })),
    ];
  }

  setWeights(weights: NamedTensor[]): void {
    const [iteration, ...slots] = weights;
    this.iterations = (iteration?.tensor.dataSync()[0] as number) ?? 0;
    if (this.momentum.length === 0) {
      this.momentum = this.variables.map((v) => zeroVariable(v, false));
    }
    slots.forEach((slot, i) => {
      this.momentum[i]?.assign(slot.tensor);
    });
  }

  dispose(): void {
    tf.dispose(this.momentum);
    this.momentum = [];
  }
}

export interface SavedCall {
  path: string;
  includeOptimizer: boolean | undefined;
  weights: number[][];
}

export class FakeModel implements TrainingModel {
  stopTraining = false;
  readonly kernel = zeroVariable([2, 1], true);
  readonly bias = zeroVariable([1], true);
  readonly optimizer: FakeOptimizer;
  readonly saved: SavedCall[] = [];
  onSave: ((call: SavedCall) => Promise<void>) | undefined;

  constructor(learningRate = 0.05) {
    this.optimizer = new FakeOptimizer(learningRate, [this.kernel, this.bias]);
  }

  getWeights(): tf.Tensor[] {
    return [this.kernel.clone(), this.bias.clone()];
  }

  setWeights(weights: tf.Tensor[]): void {
    this.kernel.assign(weights[0] as tf.Tensor);
    this.bias.assign(weights[1] as tf.Tensor);
  }

  weightValues(): number[][] {
    return [Array.from(this.kernel.dataSync()), Array.from(this.bias.dataSync())];
  }

  async save(destination: string | tf.io.IOHandler, options?: { includeOptimizer?: boolean }) {
    const call: SavedCall = {
      path: String(destination),
      includeOptimizer: options?.includeOptimizer,
      weights: this.weightValues(),
    };
    this.saved.push(call);
    await this.onSave?.(call);
    return {};
  }

  /** One SGD step on a batch; returns the batch loss tensor (caller disposes). */
  trainStep(x: tf.Tensor, y: tf.Tensor): tf.Scalar {
    const { value, grads } = tf.variableGrads(
      () => tf.losses.meanSquaredError(y, x.matMul(this.kernel).add(this.bias)) as tf.Scalar,
      [this.kernel, this.bias],
    );
    this.optimizer.step([grads[this.kernel.name] as tf.Tensor, grads[this.bias.name] as tf.Tensor]);
    tf.dispose(Object.values(grads));
    return value;
  }

  dispose(): void {
    this.kernel.dispose();
    this.bias.dispose();
    this.optimizer.dispose();
  }
}

export interface FakeFitOptions {
  epochs: number;
  callbacks?: Callback[];
  /** Scripted epoch logs by epoch (merged over the computed `loss`). */
  epochLogs?: (epoch: number) => Logs;
  /** Throw at the start of this epoch (a crash). */
  crashAtEpoch?: number;
  verbose?: 0 | 1 | 2;
  /** Replace the computed batch loss (e.g. NaN) for a batch index across epochs. */
  batchLoss?: (epoch: number, batch: number, loss: number) => number;
}

const XS = [
  [1, 2],
  [2, 0],
  [0, 1],
  [3, 1],
  [1, 1],
  [2, 2],
  [0, 3],
  [1, 0],
];
export const STEPS = 4;
const BATCH = 2;

async function settle(result: void | Promise<void>): Promise<void> {
  if (result) await result;
}

/** Runs a `fit`-like loop over 8 samples in 4 batches of 2; y = 2 x0 - x1 + 0.5. */
export async function fakeFit(model: FakeModel, options: FakeFitOptions) {
  const history = new History();
  const list = new CallbackList([...(options.callbacks ?? []), history]);
  list.setModel(model);
  list.setParams({
    epochs: options.epochs,
    initialEpoch: 0,
    steps: STEPS,
    samples: XS.length,
    batchSize: BATCH,
    verbose: options.verbose ?? 0,
    metrics: ['loss', 'val_loss'],
  });
  model.stopTraining = false;
  await settle(list.onTrainBegin());
  const start = list.resumeEpoch() ?? 0;
  const every = list.batchLogsEvery;
  let logs: Logs = {};
  for (let epoch = start; epoch < options.epochs; epoch++) {
    if (epoch === options.crashAtEpoch) throw new Error(`crash at epoch ${epoch}`);
    await settle(list.onEpochBegin(epoch));
    let total = 0;
    for (let batch = 0; batch < STEPS; batch++) {
      await settle(list.onTrainBatchBegin(batch));
      const [x, y] = tf.tidy(() => {
        const rows = XS.slice(batch * BATCH, (batch + 1) * BATCH);
        const xb = tf.tensor2d(rows);
        return [xb, xb.matMul(tf.tensor2d([[2], [-1]])).add(0.5)];
      });
      const lossTensor = model.trainStep(x as tf.Tensor, y as tf.Tensor);
      tf.dispose([x as tf.Tensor, y as tf.Tensor]);
      let loss = lossTensor.dataSync()[0] as number;
      lossTensor.dispose();
      if (options.batchLoss) loss = options.batchLoss(epoch, batch, loss);
      total += loss;
      const batchLogs = every > 0 && (batch + 1) % every === 0 ? { loss } : undefined;
      await settle(list.onTrainBatchEnd(batch, batchLogs));
      if (model.stopTraining) break;
    }
    logs = { loss: total / STEPS, ...options.epochLogs?.(epoch) };
    await settle(list.onEpochEnd(epoch, logs));
    if (model.stopTraining) break;
  }
  await settle(list.onTrainEnd(logs));
  return history;
}
