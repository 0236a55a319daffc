import * as tfl from '@tensorflow/tfjs-layers';
import * as dd from 'dendrite';

/** The benchmarked architectures. */
export type BenchModel = 'mlp' | 'cnn';

export const MODELS: readonly BenchModel[] = ['mlp', 'cnn'];

/** Input shape of one sample for each model. */
export function sampleShape(model: BenchModel): number[] {
  return model === 'mlp' ? [784] : [28, 28, 1];
}

type LayerFactory = (args: Record<string, unknown>) => dd.layers.Layer;

// Pooling and Flatten are still landing in @dendrite/layers; looked up by name so the bench
// reports "unavailable" instead of failing to compile while they are missing.
function dendriteFactory(name: string): LayerFactory | undefined {
  const found = (dd.layers as unknown as Record<string, unknown>)[name];
  return typeof found === 'function' ? (found as LayerFactory) : undefined;
}

/** Whether Dendrite has every layer `model` needs. */
export function dendriteSupports(model: BenchModel): boolean {
  return model === 'mlp' || (!!dendriteFactory('maxPooling2d') && !!dendriteFactory('flatten'));
}

/** The book's model (784 → Dense 100 relu → Dropout 0.3 → Dense 10 softmax) or the small CNN. */
export function dendriteModel(model: BenchModel): dd.Sequential {
  const layers =
    model === 'mlp'
      ? [
          dd.layers.dense({ units: 100, activation: 'relu', inputShape: [784] }),
          dd.layers.dropout({ rate: 0.3 }),
          dd.layers.dense({ units: 10, activation: 'softmax' }),
        ]
      : [
          dd.layers.conv2d({
            filters: 8,
            kernelSize: 3,
            activation: 'relu',
            inputShape: [28, 28, 1],
          }),
          (dendriteFactory('maxPooling2d') as LayerFactory)({ poolSize: 2 }),
          (dendriteFactory('flatten') as LayerFactory)({}),
          dd.layers.dense({ units: 10, activation: 'softmax' }),
        ];
  const built = dd.sequential({ layers });
  built.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  return built;
}

/** The same model in tfjs-layers. */
export function tfjsModel(model: BenchModel): tfl.Sequential {
  const built = tfl.sequential();
  if (model === 'mlp') {
    built.add(tfl.layers.dense({ units: 100, activation: 'relu', inputShape: [784] }));
    built.add(tfl.layers.dropout({ rate: 0.3 }));
  } else {
    built.add(
      tfl.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    );
    built.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    built.add(tfl.layers.flatten());
  }
  built.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  built.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return built;
}
