import * as tfl from '@tensorflow/tfjs-layers';
import * as dd from 'dendrite';

/** The benchmarked architectures. */
export type BenchModel = 'mlp' | 'cnn';

export const MODELS: readonly BenchModel[] = ['mlp', 'cnn'];

/** Input shape of one sample for each model. */
export function sampleShape(model: BenchModel): number[] {
  return model === 'mlp' ? [784] : [28, 28, 1];
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
          dd.layers.maxPooling2d({ poolSize: 2 }),
          dd.layers.flatten(),
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
