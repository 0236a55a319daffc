import * as dd from 'dendrite';
import { confusionMatrix, confusionMatrixSvg } from '../../src/report/confusion-matrix.js';
import { showSvg } from './charts.js';
import type { FashionSplit } from './data/fashion-bin.js';
import { CLASS_NAMES, imageAt, toTensors } from './data/load-data.js';

/** Test-set predictions of a model: class per image and the probabilities of one probe image. */
export interface Evaluation {
  readonly predicted: Int32Array;
  readonly confidence: Float32Array;
  readonly accuracy: number;
  /** Softmax output for test image {@link PROBE_INDEX}. */
  readonly probe: Float32Array;
}

/** The test image whose probabilities are shown, and compared after a save/load round trip. */
export const PROBE_INDEX = 0;

/**
 * Predicts the first `count` test images (batches of 256) and reads the results back once.
 * @example const { accuracy } = await evaluateModel(model, data.test, 1000);
 */
export async function evaluateModel(
  model: dd.LayersModel,
  test: FashionSplit,
  count = test.count,
): Promise<Evaluation> {
  const { x, y } = toTensors(test, count);
  const [classes, best, probs] = dd.tidy(() => {
    const output = model.predict(x, { batchSize: 256 }) as dd.Tensor;
    return [
      dd.tf.argMax(output, -1),
      dd.tf.max(output, -1),
      dd.tf.slice(output, [PROBE_INDEX, 0], [1, -1]),
    ] as const;
  });
  const [predicted, confidence, probe] = await Promise.all([
    classes.data() as Promise<Int32Array>,
    best.data() as Promise<Float32Array>,
    probs.data() as Promise<Float32Array>,
  ]);
  dd.dispose([x, y, classes, best, probs]);
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === test.labels[i]) correct++;
  return { predicted, confidence, probe, accuracy: correct / Math.max(1, predicted.length) };
}

/** Renders the confusion matrix of `evaluation` (rows: true class). */
export function showConfusion(container: HTMLElement, test: FashionSplit, evaluation: Evaluation) {
  const actual = test.labels.subarray(0, evaluation.predicted.length);
  showSvg(
    container,
    confusionMatrixSvg(confusionMatrix(actual, evaluation.predicted, 10), CLASS_NAMES, ''),
  );
}

function drawImage(canvas: HTMLCanvasElement, pixels: Uint8Array, side: number): void {
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(side, side);
  for (let i = 0; i < pixels.length; i++) {
    // Fashion-MNIST is white-on-black; show it dark-on-light like a catalogue photo.
    const value = 255 - pixels[i]!;
    image.data.set([value, value, value, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
}

/**
 * Shows `count` test images as canvases with the predicted and true class; mistakes in red.
 * @example showSamples(el, data.test, evaluation, 16);
 */
export function showSamples(
  container: HTMLElement,
  test: FashionSplit,
  evaluation: Evaluation,
  count = 16,
): void {
  container.replaceChildren();
  for (let i = 0; i < Math.min(count, evaluation.predicted.length); i++) {
    const predicted = evaluation.predicted[i]!;
    const actual = test.labels[i]!;
    const figure = document.createElement('figure');
    figure.className = predicted === actual ? 'sample right' : 'sample wrong';
    const canvas = document.createElement('canvas');
    drawImage(canvas, imageAt(test, i), test.cols);
    const caption = document.createElement('figcaption');
    const confidence = (evaluation.confidence[i]! * 100).toFixed(0);
    caption.innerHTML = `<b>${CLASS_NAMES[predicted]}</b> ${confidence}%<br><span>true: ${CLASS_NAMES[actual]}</span>`;
    figure.append(canvas, caption);
    container.append(figure);
  }
}

/** The probe line: top class and all ten probabilities to six decimals (compared in tests). */
export function probeText(probe: Float32Array): string {
  let top = 0;
  for (let i = 1; i < probe.length; i++) if (probe[i]! > probe[top]!) top = i;
  const all = Array.from(probe, (p) => p.toFixed(6)).join(' ');
  return `${CLASS_NAMES[top]} (${(probe[top]! * 100).toFixed(1)}%) · p = [${all}]`;
}
