import { resolve } from 'node:path';
import * as dd from 'dendrite';
import { formatTable } from '../console-table.js';
import { COLORS, trainValidationChart } from '../report/curves.js';
import { lineChart } from '../report/svg-chart.js';
import { writeReport } from '../report/write-report.js';
import { historyLogs } from '../shared/history.js';
import { buildDeepModel, compileModel } from '../shared/models.js';
import type { ExperimentContext, ExperimentResult } from './context.js';

/** Samples in the batch the gradients are measured on. */
export const GRADIENT_BATCH = 256;
const WIDTH = 100;
const ACTIVATIONS = ['sigmoid', 'relu'] as const;

/** The per-layer kernel gradient norms and losses of one activation. */
export interface VanishingRun {
  readonly activation: (typeof ACTIVATIONS)[number];
  /** Kernel gradient norm of each Dense layer (hidden_1 … output) before training. */
  readonly normsStart: number[];
  /** The same after training. */
  readonly normsEnd: number[];
  readonly logs: Record<string, number[]>;
}

/** The vanishing experiment's numbers (also in `metrics.json`). */
export interface VanishingMetrics {
  readonly depth: number;
  readonly width: number;
  readonly epochs: number;
  readonly layers: string[];
  readonly runs: VanishingRun[];
  /** ReLU's first-layer kernel gradient norm over sigmoid's, at the start. */
  readonly firstLayerRatioStart: number;
}

async function kernelNorms(
  model: dd.LayersModel,
  x: dd.Tensor,
  y: dd.Tensor,
): Promise<{ names: string[]; norms: number[] }> {
  const stats = (await dd.computeGradientStats(model, x, y)).filter(
    (s) => s.weightName === 'kernel',
  );
  return { names: stats.map((s) => s.layerName), norms: stats.map((s) => s.norm) };
}

/**
 * Vanishing gradients: the same deep Dense stack (Keras-default Glorot kernels, SGD 0.01, same
 * seed) with sigmoid and with ReLU. Sigmoid's derivative is at most 1/4, so the gradient that
 * reaches the first layers shrinks geometrically with depth; ReLU passes it through.
 */
export async function runVanishing(
  context: ExperimentContext,
): Promise<ExperimentResult<VanishingMetrics>> {
  const { data, options, log } = context;
  const epochs = options.epochsGiven ? options.epochs : 3;
  const depth = options.depth;
  const batch = Math.min(GRADIENT_BATCH, data.xTrain.shape[0] as number);
  const [xb, yb] = dd.tidy(() => [
    dd.tf.slice(data.xTrain, 0, batch),
    dd.tf.slice(data.yTrain, 0, batch),
  ]) as [dd.Tensor, dd.Tensor];
  const runs: VanishingRun[] = [];
  let layers: string[] = [];
  try {
    for (const activation of ACTIVATIONS) {
      dd.setSeed(options.seed);
      const model = buildDeepModel({ activation, depth, width: WIDTH });
      compileModel(model, 'sgd');
      const start = await kernelNorms(model, xb, yb);
      layers = start.names;
      log(
        `${activation}: ${depth} hidden layers of ${WIDTH}, training ${epochs} epochs with SGD(0.01)`,
      );
      const history = await model.fit(data.xTrain, data.yTrain, {
        epochs,
        batchSize: options.batchSize,
        validationData: [data.xValid, data.yValid],
        verbose: options.verbose,
      });
      const end = await kernelNorms(model, xb, yb);
      model.dispose();
      runs.push({
        activation,
        normsStart: start.norms,
        normsEnd: end.norms,
        logs: historyLogs(history),
      });
    }
  } finally {
    dd.dispose([xb, yb]);
  }
  const [sigmoid, relu] = runs as [VanishingRun, VanishingRun];
  const firstLayerRatioStart = (relu.normsStart[0] as number) / (sigmoid.normsStart[0] as number);
  const rows = layers.map((name, i) => [
    name,
    (sigmoid.normsStart[i] as number).toExponential(2),
    (relu.normsStart[i] as number).toExponential(2),
    (sigmoid.normsEnd[i] as number).toExponential(2),
    (relu.normsEnd[i] as number).toExponential(2),
  ]);
  const header = [
    'layer',
    'sigmoid start',
    'relu start',
    `sigmoid epoch ${epochs}`,
    `relu epoch ${epochs}`,
  ];
  log('Kernel gradient norms (one batch of 256):');
  log(formatTable(header, rows));
  log(
    `First hidden layer: ReLU's gradient is ${firstLayerRatioStart.toFixed(1)}x sigmoid's at the start.`,
  );

  const x = layers.map((_, i) => i + 1);
  const normChart = (when: 'start' | 'end', title: string) =>
    lineChart({
      title,
      xLabel: `Dense layer (1 = first hidden, ${layers.length} = output)`,
      yLabel: 'kernel gradient norm',
      logY: true,
      series: runs.map((run, i) => ({
        name: run.activation,
        values: when === 'start' ? run.normsStart : run.normsEnd,
        x,
        color: COLORS[i] as string,
      })),
    });
  const svgs: Record<string, string> = {
    'gradient-norms-start.svg': normChart('start', 'Gradient norm per layer before training'),
    'gradient-norms-end.svg': normChart('end', `Gradient norm per layer after ${epochs} epochs`),
  };
  for (const run of runs) {
    svgs[`loss-${run.activation}.svg`] = trainValidationChart(run.logs, 'loss', {
      title: `Loss with ${run.activation} hidden layers`,
    });
  }
  const metrics: VanishingMetrics = {
    depth,
    width: WIDTH,
    epochs,
    layers,
    runs,
    firstLayerRatioStart,
  };
  const files = await writeReport(
    options.out,
    `Vanishing gradients: ${depth} sigmoid vs ReLU layers`,
    [
      {
        title: 'Setup',
        text: [
          `Two networks of ${depth} Dense(${WIDTH}) hidden layers, identical except the activation (sigmoid vs ReLU): same seed ${options.seed}, Glorot-uniform kernels, zero biases, SGD with learning rate 0.01, batch ${options.batchSize}.`,
          `Gradients of the loss on one batch of ${GRADIENT_BATCH} training images, from computeGradientStats.`,
        ],
      },
      {
        title: 'Gradient norms',
        text: [
          `At the start, the first hidden layer of the ReLU network gets a gradient ${firstLayerRatioStart.toFixed(1)}x larger than the sigmoid network's: sigmoid's derivative is at most 0.25, so each layer shrinks the signal flowing back.`,
        ],
        table: { header, rows },
        figures: [
          svgs['gradient-norms-start.svg'] as string,
          svgs['gradient-norms-end.svg'] as string,
        ],
      },
      {
        title: 'Loss curves',
        figures: runs.map((run) => svgs[`loss-${run.activation}.svg`] as string),
      },
    ],
    svgs,
    metrics,
  );
  log(`Report: ${resolve(options.out, 'report.html')}`);
  return { metrics, files };
}
