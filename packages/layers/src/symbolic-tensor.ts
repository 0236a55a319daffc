import type { DataType } from '@dendrite/tensor';
import type { Layer } from './layer.js';
import type { Shape } from './shape.js';

/** Keyword arguments of a layer call. */
export interface CallArgs {
  /** Training mode: dropout drops, batch normalization uses batch statistics. */
  readonly training?: boolean;
  readonly [key: string]: unknown;
}

/** One call of a layer in a graph: which symbolic tensors went in and which came out. */
export interface LayerNode {
  readonly layer: Layer;
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  readonly callArgs: CallArgs;
}

let nextId = 0;

/**
 * A placeholder for a tensor in a model graph: it knows its shape, dtype and the layer call
 * (node) that produces it, and holds no data. Made by `input()` and by applying layers to
 * other symbolic tensors.
 */
export class SymbolicTensor {
  /** Unique per process; used to key graph traversals. */
  readonly id = nextId++;

  constructor(
    readonly dtype: DataType,
    readonly shape: Shape,
    /** The layer whose call produced this tensor. */
    readonly sourceLayer: Layer,
    /** Index of that call among `sourceLayer.inboundNodes`. */
    readonly nodeIndex: number,
    /** Index among that call's outputs. */
    readonly tensorIndex: number,
    readonly name: string,
  ) {}

  /** The layer call that produced this tensor. */
  get node(): LayerNode {
    return this.sourceLayer.inboundNodes[this.nodeIndex] as LayerNode;
  }

  /** The tensor's rank, batch dimension included. */
  get rank(): number {
    return this.shape.length;
  }
}

/** True when every item is a {@link SymbolicTensor}. */
export function isSymbolic(value: unknown): value is SymbolicTensor | SymbolicTensor[] {
  if (Array.isArray(value))
    return value.length > 0 && value.every((v) => v instanceof SymbolicTensor);
  return value instanceof SymbolicTensor;
}
