import { formatShape, type Layer, type LayerNode, type Shape } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import type { LayersModel } from './layers-model.js';
import { indexOfNode } from './topology.js';

function paramCount(weights: readonly { shape: number[] }[]): number {
  return weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
}

/** `78500` → `78,500`, as Keras prints parameter counts. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function row(fields: readonly string[], positions: readonly number[]): string {
  let line = '';
  fields.forEach((field, i) => {
    const end = positions[i] as number;
    line = `${line}${field}`.slice(0, end);
    line += ' '.repeat(Math.max(0, end - line.length));
  });
  return line.trimEnd();
}

/** True when the graph is a plain chain: one input per call, each layer called once. */
function isSequentialLike(model: LayersModel): boolean {
  if (model.getClassName() === 'Sequential') return true;
  const topology = model.getTopology();
  if (topology.inputs.length !== 1 || topology.outputs.length !== 1) return false;
  const seen = new Set<Layer>();
  for (const node of topology.nodes) {
    if (node.inputs.length > 1 || seen.has(node.layer)) return false;
    seen.add(node.layer);
  }
  return true;
}

function outputShapeText(nodes: readonly LayerNode[]): string {
  const shapes: Shape[] = nodes.flatMap((node) => node.outputs.map((o) => o.shape));
  if (shapes.length === 1) return formatShape(shapes[0] as Shape);
  return `[${shapes.map((s) => formatShape(s)).join(', ')}]`;
}

/**
 * Prints the Keras summary table: one row per layer with its output shape and parameter
 * count (and, for graphs that are not a plain chain, the calls it is connected to), then the
 * total, trainable and non-trainable parameter counts.
 * @param lineLength - Width of the table. @defaultValue 65, or 98 with the `Connected to` column
 * @param positions - Right edge of each column, as fractions of `lineLength` or absolute.
 * @defaultValue [0.45, 0.85, 1] or [0.33, 0.55, 0.67, 1]
 */
export function printSummary(
  model: LayersModel,
  lineLength: number | undefined,
  positions: readonly number[] | undefined,
  printFn: (line: string) => void,
): void {
  const topology = model.getTopology();
  const sequentialLike = isSequentialLike(model);
  const width = lineLength ?? (sequentialLike ? 65 : 98);
  tf.checkNumber(`${model.name}.summary`, 'lineLength', width, { integer: true, min: 10 });
  const fractions = positions ?? (sequentialLike ? [0.45, 0.85, 1] : [0.33, 0.55, 0.67, 1]);
  const columns = fractions.map((p) => (p <= 1 ? Math.floor(width * p) : p));
  const headers = ['Layer (type)', 'Output Shape', 'Param #'];
  if (!sequentialLike) headers.push('Connected to');

  const nodesOf = new Map<Layer, LayerNode[]>();
  for (const node of topology.nodes) {
    const list = nodesOf.get(node.layer) ?? [];
    list.push(node);
    nodesOf.set(node.layer, list);
  }
  printFn(`Model: "${model.name}"`);
  printFn('_'.repeat(width));
  printFn(row(headers, columns));
  printFn('='.repeat(width));
  const layers = model.layers;
  layers.forEach((layer, i) => {
    const nodes = nodesOf.get(layer) ?? [];
    const fields = [
      `${layer.name} (${layer.getClassName()})`,
      outputShapeText(nodes),
      thousands(layer.countParams()),
    ];
    if (sequentialLike) {
      printFn(row(fields, columns));
    } else {
      const connections = nodes.flatMap((node) =>
        node.inputs.map((t) => `${t.sourceLayer.name}[${indexOfNode(t.node)}][${t.tensorIndex}]`),
      );
      printFn(row([...fields, connections[0] ?? ''], columns));
      for (const extra of connections.slice(1)) printFn(row(['', '', '', extra], columns));
    }
    printFn((i === layers.length - 1 ? '=' : '_').repeat(width));
  });
  const trainable = paramCount(model.trainableWeights);
  const nonTrainable = paramCount(model.nonTrainableWeights);
  printFn(`Total params: ${thousands(trainable + nonTrainable)}`);
  printFn(`Trainable params: ${thousands(trainable)}`);
  printFn(`Non-trainable params: ${thousands(nonTrainable)}`);
  printFn('_'.repeat(width));
}
