import * as tf from '@dendrite/tensor';
import type { Layer, LayerIO } from '../layer.js';
import { formatShape, isShapeList, type Shape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { BaseRNN } from './base-rnn.js';
import { layerConfigValue, resolveWrappedLayer } from './wrapped-layer.js';
import { Wrapper, type WrapperArgs } from './wrapper.js';

/** How {@link Bidirectional} combines the forward and backward outputs; `null` returns both. */
export type BidirectionalMergeMode = 'concat' | 'sum' | 'mul' | 'ave';

const MERGE_MODES: readonly BidirectionalMergeMode[] = ['concat', 'sum', 'mul', 'ave'];

/** Config of {@link Bidirectional}. */
export interface BidirectionalArgs extends WrapperArgs {
  /** Combination of the two directions' outputs; `null` returns `[forward, backward]`. @defaultValue 'concat' */
  readonly mergeMode?: BidirectionalMergeMode | null;
}

/** Defaults of {@link BidirectionalArgs}. */
export const BIDIRECTIONAL_DEFAULTS = Object.freeze({
  mergeMode: 'concat' as BidirectionalMergeMode,
});

function withoutPrefix(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/**
 * Runs a recurrent layer over the sequence in both directions and merges the outputs (Schuster &
 * Paliwal, 1997). Both directions are fresh copies of `layer`'s config, the backward one with
 * `goBackwards` flipped; its sequence outputs are put back in time order before merging, as Keras.
 * Weights: the forward layer's, then the backward layer's. With `returnState`, the outputs are
 * `[merged, ...forwardStates, ...backwardStates]`.
 * @example const layer = bidirectional({ layer: lstm({ units: 8, returnSequences: true }) });
 */
export class Bidirectional extends Wrapper {
  static override readonly className = 'Bidirectional';
  readonly forwardLayer: BaseRNN;
  readonly backwardLayer: BaseRNN;
  readonly mergeMode: BidirectionalMergeMode | null;

  constructor(args: BidirectionalArgs) {
    super(args);
    const template = resolveWrappedLayer('Bidirectional', args?.layer);
    if (!(template instanceof BaseRNN)) {
      throw new tf.ConfigError(
        tf.configMessage(
          'Bidirectional',
          'layer',
          'a recurrent layer (SimpleRNN, LSTM, GRU)',
          template.getClassName(),
        ),
      );
    }
    const mergeMode =
      args.mergeMode === undefined ? BIDIRECTIONAL_DEFAULTS.mergeMode : args.mergeMode;
    this.mergeMode =
      mergeMode === null
        ? null
        : tf.checkChoice('Bidirectional', 'mergeMode', mergeMode, MERGE_MODES);
    const { className, config } = layerConfigValue(template) as {
      className: string;
      config: tf.ConfigDict;
    };
    const baseName = withoutPrefix(template.name, 'forward_');
    this.forwardLayer = this.copy(className, { ...config, name: `forward_${baseName}` });
    this.backwardLayer = this.copy(className, {
      ...config,
      name: `backward_${baseName}`,
      goBackwards: !template.goBackwards,
    });
  }

  private copy(className: string, config: tf.ConfigDict): BaseRNN {
    return resolveWrappedLayer('Bidirectional', { className, config }) as BaseRNN;
  }

  protected innerLayers(): Layer[] {
    return [this.forwardLayer, this.backwardLayer];
  }

  get returnSequences(): boolean {
    return this.forwardLayer.returnSequences;
  }

  get returnState(): boolean {
    return this.forwardLayer.returnState;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = isShapeList(inputShape) ? (inputShape[0] as Shape) : (inputShape as Shape);
    this.forwardLayer.weightScope = `${this.name}/${this.forwardLayer.name}`;
    this.backwardLayer.weightScope = `${this.name}/${this.backwardLayer.name}`;
    this.forwardLayer.ensureBuilt(shape);
    this.backwardLayer.ensureBuilt(shape);
    this.built = true;
  }

  call(inputs: LayerIO, args: CallArgs): LayerIO {
    const [x, ...extra] = Array.isArray(inputs) ? inputs : [inputs];
    const given = args.initialState ?? (extra.length > 0 ? extra : undefined);
    let forwardState: tf.Tensor[] | undefined;
    let backwardState: tf.Tensor[] | undefined;
    if (given !== undefined && given !== null) {
      const states = given instanceof tf.Tensor ? [given] : (given as tf.Tensor[]);
      const count = this.forwardLayer.stateSize.length;
      if (states.length !== 2 * count) {
        throw new tf.ShapeError(
          `${this.name}: initial state must be ${2 * count} tensors (forward states, then backward states); received ${states.length}`,
        );
      }
      forwardState = states.slice(0, count);
      backwardState = states.slice(count);
    }
    const forward = this.forwardLayer.apply(x as tf.Tensor, {
      ...args,
      initialState: forwardState,
    });
    const backward = this.backwardLayer.apply(x as tf.Tensor, {
      ...args,
      initialState: backwardState,
    });
    const [yForward, ...statesForward] = Array.isArray(forward) ? forward : [forward];
    let [yBackward, ...statesBackward] = Array.isArray(backward) ? backward : [backward];
    if (this.returnSequences) yBackward = tf.reverse(yBackward as tf.Tensor, 1);
    const merged = this.merge(yForward as tf.Tensor, yBackward as tf.Tensor);
    if (!this.returnState) return merged;
    return [...(Array.isArray(merged) ? merged : [merged]), ...statesForward, ...statesBackward];
  }

  /** The wrapped layer's output mask (the input mask when it returns sequences). */
  override computeMask(inputs: LayerIO, mask: tf.Tensor | null = null): tf.Tensor | null {
    return this.forwardLayer.computeMask(inputs, mask);
  }

  private merge(a: tf.Tensor, b: tf.Tensor): tf.Tensor | tf.Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return tf.concat([a, b], -1);
      case 'sum':
        return tf.add(a, b);
      case 'mul':
        return tf.mul(a, b);
      case 'ave':
        return tf.mul(tf.add(a, b), 0.5);
      default:
        return [a, b];
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = isShapeList(inputShape) ? (inputShape[0] as Shape) : (inputShape as Shape);
    const inner = this.forwardLayer.computeOutputShape(shape);
    const [output, ...states] = isShapeList(inner) ? (inner as Shape[]) : [inner as Shape];
    const y = output as Shape;
    if (y === undefined)
      throw new tf.ShapeError(`${this.name}: no output shape for input ${formatShape(shape)}`);
    const last = y[y.length - 1] ?? null;
    const outputs: Shape[] =
      this.mergeMode === null
        ? [y, y]
        : [this.mergeMode === 'concat' ? [...y.slice(0, -1), last === null ? null : 2 * last] : y];
    const all = this.returnState ? [...outputs, ...states, ...states] : outputs;
    return all.length === 1 ? (all[0] as Shape) : all;
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      // Keras and TF.js store the wrapped layer under its own name; they add `forward_` on load.
      layer: {
        className: this.forwardLayer.getClassName(),
        config: {
          ...this.forwardLayer.getConfig(),
          name: withoutPrefix(this.forwardLayer.name, 'forward_'),
        },
      },
      mergeMode: this.mergeMode,
    };
  }
}

/** Creates a {@link Bidirectional} wrapper. @example bidirectional({ layer: gru({ units: 16 }), mergeMode: 'sum' }) */
export function bidirectional(args: BidirectionalArgs): Bidirectional {
  return new Bidirectional(args);
}
