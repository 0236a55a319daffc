import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, sequential } from '../src/index.js';
import { fileSystem } from '../src/node.js';
import { predictValues } from './helpers.js';

let dir: string;
let server: Server;
let base: string;
const requested: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dendrite-http-'));
  // A plain static server on the loopback interface, serving `dir` and one file outside it.
  writeFileSync(join(dir, '..', 'dendrite-secret.bin'), new Uint8Array(16));
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requested.push(path);
    if (path.endsWith('/endless.bin')) {
      // A hostile server: 64 MiB of weights, streamed without a content-length. (Capped, so a
      // loader that reads everything fails this test instead of exhausting memory.)
      response.writeHead(200);
      const chunk = new Uint8Array(1 << 16);
      let left = 1024;
      const pump = () => {
        while (left > 0 && !response.destroyed) {
          left--;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        if (!response.destroyed) response.end();
      };
      response.on('close', () => response.destroy());
      pump();
      return;
    }
    try {
      const body = readFileSync(normalize(join(dir, '..', path)));
      response.writeHead(200);
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}/${dir.split('/').pop()}`;
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(dir, '..', 'dendrite-secret.bin'), { force: true });
});

/** Saves a Dense 2→2 model in `dir/folder`, then points its manifest's weights at `path`. */
async function saveWithWeightsAt(folder: string, path: string): Promise<void> {
  const model = sequential({ layers: [dense({ units: 2, inputShape: [2] })] });
  await model.save(fileSystem(join(dir, folder)));
  model.dispose();
  const file = join(dir, folder, 'model.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.weightsManifest[0].paths = [path];
  writeFileSync(file, JSON.stringify(json));
}

describe('loadModel over http(s)', () => {
  it('loads a saved model from a URL and predicts the same numbers', async () => {
    const model = sequential({
      layers: [dense({ units: 3, inputShape: [4], activation: 'tanh' })],
    });
    await model.save(fileSystem(join(dir, 'good')));
    const loaded = await loadModel(`${base}/good/model.json`);
    const x = tf.tensor2d([[1, -2, 0.5, 3]]);
    expect(predictValues(loaded, x)).toEqual(predictValues(model, x));
    x.dispose();
    model.dispose();
    loaded.dispose();
  });

  it('refuses a manifest whose weight path leaves the model folder, before fetching it', async () => {
    await saveWithWeightsAt('evil', '../../dendrite-secret.bin');
    requested.length = 0;
    await expect(loadModel(`${base}/evil/model.json`)).rejects.toThrow(
      /weight path "\.\.\/\.\.\/dendrite-secret\.bin" must be relative to the model folder/,
    );
    expect(requested.some((path) => path.includes('secret'))).toBe(false);
  });

  it('names a malformed manifest, a file listed twice and deep nesting, before fetching weights', async () => {
    const model = sequential({ layers: [dense({ units: 2, inputShape: [2] })] });
    await model.save(fileSystem(join(dir, 'bad')));
    model.dispose();
    const file = join(dir, 'bad', 'model.json');
    const good = readFileSync(file, 'utf8');
    const json = JSON.parse(good);
    const weights = json.weightsManifest[0].paths[0] as string;
    const cases: [string, RegExp][] = [
      [
        JSON.stringify({ ...json, weightsManifest: [null] }),
        /malformed `weightsManifest\[0\]`: expected \{paths: \[...\], weights: \[...\]\}; received null/,
      ],
      [
        JSON.stringify({
          ...json,
          weightsManifest: [{ ...json.weightsManifest[0], paths: Array(1500).fill(weights) }],
        }),
        /lists the weights file .* more than once/,
      ],
      [
        `{"modelTopology":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
        /nests deeper than 100 levels/,
      ],
    ];
    for (const [text, message] of cases) {
      writeFileSync(file, text);
      requested.length = 0;
      const before = tf.memory().numTensors;
      await expect(loadModel(`${base}/bad/model.json`)).rejects.toThrow(message);
      expect(tf.memory().numTensors).toBe(before);
      expect(requested.filter((path) => path.endsWith('.bin'))).toEqual([]);
    }
  });

  it('stops reading an oversized weights response at the bytes the manifest needs', async () => {
    await saveWithWeightsAt('endless', './endless.bin');
    const before = tf.memory().numTensors;
    await expect(loadModel(`${base}/endless/model.json`)).rejects.toThrow(
      /weights file .*endless\.bin sends more than 24 bytes; expected at most 24/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
