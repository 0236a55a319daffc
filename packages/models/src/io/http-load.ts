import * as tf from '@dendrite/tensor';
import { checkWeightsManifest, parseUntrustedJson } from './weights-manifest.js';

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
 * A fetch that checks `model.json` (nesting depth, the weights manifest) as it arrives, before
 * tfjs-core parses it or fetches any weights file; other requests pass through.
 */
function checkingFetch(modelUrl: string): typeof fetch {
  return async (input, requestInit) => {
    const response = await fetch(input, requestInit);
    const requested =
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (requested !== modelUrl || !response.ok) return response;
    const text = await response.text();
    const json = parseUntrustedJson('loadModel', modelUrl, text);
    checkWeightsManifest(
      'loadModel',
      modelUrl,
      (json as { weightsManifest?: unknown } | null)?.weightsManifest,
    );
    return new Response(text, { status: response.status, headers: response.headers });
  };
}

/**
 * tfjs-core's HTTP loader, with `model.json` checked before it is used (a malformed manifest,
 * a file listed twice or deep nesting get named errors) and every weight path checked by
 * {@link weightUrl} before it is fetched, so a model.json cannot make the loader fetch files
 * outside the model's folder.
 */
export function httpLoadHandler(url: string, init?: RequestInit): tf.io.IOHandler {
  return tf.io.http(url, {
    requestInit: init,
    fetchFunc: checkingFetch(url),
    weightUrlConverter: async (path: string) => weightUrl(url, path),
  });
}
