import * as tf from '@dendrite/tensor';

/**
 * The URL of a weights file named in a model's manifest, resolved against the model.json URL.
 * Throws unless the path stays inside the model's folder on the same server: no scheme, no
 * leading slash or backslash, no `..` segment.
 */
export function weightUrl(modelUrl: string, path: string): string {
  const bad =
    typeof path !== 'string' ||
    path.length === 0 ||
    /^[a-z][a-z0-9+.-]*:/i.test(path) ||
    /^[/\\]/.test(path) ||
    path.split(/[/\\]/).some((segment) => segment === '..' || segment.includes('\0'));
  if (bad) {
    throw new tf.ValueError(
      `loadModel: weight path ${tf.describeValue(path)} must be relative to the model folder of ${modelUrl}`,
    );
  }
  return new URL(path, modelUrl).href;
}

/**
 * tfjs-core's HTTP loader, with every weight path checked by {@link weightUrl} before it is
 * fetched, so a model.json cannot make the loader fetch files outside the model's folder.
 */
export function httpLoadHandler(url: string, init?: RequestInit): tf.io.IOHandler {
  return tf.io.http(url, {
    requestInit: init,
    weightUrlConverter: async (path: string) => weightUrl(url, path),
  });
}
