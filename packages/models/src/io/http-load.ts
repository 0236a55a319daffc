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

/** Largest `model.json` fetched, as for files. */
const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

/** Reads at most `limit` bytes of a response body; a longer body is cancelled and refused. */
async function readBounded(
  response: Response,
  limit: number,
  what: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel();
    throw new tf.ValueError(`loadModel: ${what} has ${declared} bytes; expected at most ${limit}`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    total += next.value.length;
    if (total > limit) {
      await reader?.cancel();
      throw new tf.ValueError(
        `loadModel: ${what} sends more than ${limit} bytes; expected at most ${limit}`,
      );
    }
    chunks.push(next.value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * A fetch that checks `model.json` (size, nesting depth, the weights manifest) as it arrives,
 * before tfjs-core parses it or fetches any weights file, and reads each weights file only up
 * to the bytes the manifest needs in all: an endless or oversized response cannot fill memory.
 */
function checkingFetch(modelUrl: string): typeof fetch {
  let weightBytes = 0;
  return async (input, requestInit) => {
    const response = await fetch(input, requestInit);
    if (!response.ok) return response;
    const requested =
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (requested !== modelUrl) {
      const bytes = await readBounded(response, weightBytes, `weights file ${requested}`);
      return new Response(bytes, { status: response.status, headers: response.headers });
    }
    const bytes = await readBounded(response, MAX_MODEL_JSON_BYTES, modelUrl);
    const json = parseUntrustedJson('loadModel', modelUrl, new TextDecoder().decode(bytes));
    const groups = checkWeightsManifest(
      'loadModel',
      modelUrl,
      (json as { weightsManifest?: unknown } | null)?.weightsManifest,
    );
    weightBytes = groups.reduce((sum, group) => sum + group.bytes, 0);
    return new Response(bytes, { status: response.status, headers: response.headers });
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
