import * as dd from 'dendrite';
import { buildDeepModel } from '../../../src/shared/models.js';
import { COLORS, type Series } from '../charts.js';
import { type FashionData, toTensors } from '../data/load-data.js';
import { type ExperimentUi, nextTick, responsive } from './experiment-ui.js';

const DEPTH = 6;
const WIDTH = 64;
const EPOCHS = 3;
const ACTIVATIONS = ['sigmoid', 'relu'] as const;
type Activation = (typeof ACTIVATIONS)[number];

function deepModel(activation: Activation): dd.LayersModel {
  dd.setSeed(7);
  const model = buildDeepModel({ activation, depth: DEPTH, width: WIDTH });
  model.compile({
    optimizer: dd.optimizers.sgd({ learningRate: 0.1 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/** Kernel gradient norms, input side first, on one batch (nothing is updated). */
async function kernelNorms(model: dd.LayersModel, x: dd.Tensor, y: dd.Tensor): Promise<number[]> {
  const stats = await dd.models.computeGradientStats(model, x, y);
  return stats.filter((s) => s.weightName === 'kernel').map((s) => s.norm);
}

/**
 * Vanishing gradients: per-layer kernel gradient norms of a deep sigmoid and a deep ReLU network
 * at initialization and after each of three SGD epochs (log scale), plus their training loss.
 */
export async function runVanishingGradients(data: FashionData, ui: ExperimentUi): Promise<void> {
  const { x, y } = toTensors(data.train, Math.min(2000, data.train.count));
  const [xb, yb] = [x.slice(0, 256), y.slice(0, 256)];
  const models = ACTIVATIONS.map(deepModel);
  const initial: number[][] = [];
  const latest: number[][] = [];
  const losses: number[][] = ACTIVATIONS.map(() => []);
  const layerX = Array.from({ length: DEPTH + 1 }, (_, i) => i + 1);
  const colors = { sigmoid: COLORS.third, relu: COLORS.train };
  const draw = (epoch: number) => {
    const series: Series[] = ACTIVATIONS.flatMap((activation, i) => [
      {
        name: `${activation}, init`,
        values: initial[i] ?? [],
        x: layerX,
        color: colors[activation],
      },
      ...(epoch > 0
        ? [
            {
              name: `${activation}, epoch ${epoch}`,
              values: latest[i] ?? [],
              x: layerX,
              color: colors[activation],
              dashed: true,
            },
          ]
        : []),
    ]);
    ui.chartA({
      title: 'Kernel gradient norm per layer',
      xLabel: `layer (1 = input side, ${DEPTH + 1} = softmax)`,
      yLabel: '‖∂loss/∂W‖',
      logY: true,
      series,
    });
    ui.chartB({
      title: 'Training loss (SGD, lr 0.1)',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: ACTIVATIONS.map((activation, i) => ({
        name: activation,
        values: losses[i]!,
        color: colors[activation],
      })),
    });
  };
  try {
    ui.status('Measuring gradients at initialization…');
    for (const model of models) {
      const norms = await kernelNorms(model, xb, yb);
      initial.push(norms);
      latest.push(norms);
    }
    draw(0);
    const ratio = (norms: number[]) => (norms[0]! / norms[norms.length - 1]!).toExponential(1);
    ui.status(
      `At init, first/last layer norm ratio: sigmoid ${ratio(initial[0]!)}, ReLU ${ratio(initial[1]!)}. Training…`,
    );
    for (let epoch = 0; epoch < EPOCHS && !ui.stopped(); epoch++) {
      for (const [i, model] of models.entries()) {
        const history = await model.fit(x, y, {
          epochs: epoch + 1,
          initialEpoch: epoch,
          batchSize: 64,
          verbose: 0,
          callbacks: [responsive(model, ui)],
        });
        losses[i]!.push(history.history.loss?.[0] ?? Number.NaN);
        latest[i] = await kernelNorms(model, xb, yb);
        await nextTick();
      }
      draw(epoch + 1);
      ui.status(
        `Epoch ${epoch + 1}/${EPOCHS}: sigmoid loss ${losses[0]![epoch]!.toFixed(3)}, ReLU loss ${losses[1]![epoch]!.toFixed(3)}`,
      );
    }
  } finally {
    dd.dispose([x, y, xb, yb]);
    for (const model of models) model.dispose();
  }
}
