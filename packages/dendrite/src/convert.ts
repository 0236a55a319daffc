import { loadModel } from '@dendrite/models';

/**
 * Converts a saved model between Keras `.keras`, legacy Keras 2 `.h5` and the TF.js
 * Layers format (a folder or `model.json`), keeping the compile config and optimizer state.
 * @example await convertModel('best-model.keras', 'web-model/');
 */
export async function convertModel(source: string, destination: string): Promise<void> {
  const model = await loadModel(source);
  try {
    await model.save(destination, { includeOptimizer: true });
  } finally {
    model.dispose();
  }
}
