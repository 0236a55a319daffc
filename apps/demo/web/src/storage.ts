import * as dd from 'dendrite';

/** Where the page keeps its model in the browser. */
export const INDEXEDDB_URL = 'indexeddb://dendrite-demo';

/**
 * Saves `model` (TF.js Layers format) to IndexedDB; returns the bytes of weights written.
 * @example await saveToBrowser(model);
 */
export async function saveToBrowser(model: dd.LayersModel): Promise<number> {
  const result = await model.save(INDEXEDDB_URL);
  return result.modelArtifactsInfo.weightDataBytes ?? 0;
}

/**
 * Whether {@link saveToBrowser} has stored a model in this browser (so there is one to load).
 * @example load.disabled = !(await hasSavedModel());
 */
export async function hasSavedModel(): Promise<boolean> {
  try {
    return INDEXEDDB_URL in (await dd.tf.io.listModels());
  } catch {
    return false;
  }
}

/**
 * Loads the model saved by {@link saveToBrowser}.
 * @example const model = await loadFromBrowser();
 */
export function loadFromBrowser(): Promise<dd.LayersModel> {
  return dd.loadModel(INDEXEDDB_URL);
}

/** Starts a download of `model.json` and `dendrite-demo.weights.bin`. */
export async function downloadModel(model: dd.LayersModel): Promise<void> {
  await model.save('downloads://dendrite-demo');
}
