import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const bundle = (conditions: string[], platform: 'browser' | 'node') =>
  build({
    entryPoints: [new URL('./index.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform,
    conditions: ['@dendrite/source', ...conditions],
    logLevel: 'silent',
  });

describe('platform split', () => {
  it('a browser bundle contains no Node built-in and no tfjs-node', async () => {
    const result = await bundle(['browser'], 'browser');
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('platform-browser.ts'))).toBe(true);
    expect(inputs.some((path) => path.includes('platform-node.ts'))).toBe(false);
    const imports = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.map((entry) => entry.path),
    );
    expect(
      imports.filter(
        (path) =>
          path.startsWith('node:') || /^(fs|path|os|child_process|worker_threads)$/.test(path),
      ),
    ).toEqual([]);
    expect(inputs.some((path) => path.includes('tfjs-node'))).toBe(false);
  }, 120_000);

  it('the Node build never reaches the WebGL backend', async () => {
    const result = await bundle(['node'], 'node');
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('platform-node.ts'))).toBe(true);
    expect(inputs.some((path) => path.includes('tfjs-backend-webgl'))).toBe(false);
  }, 120_000);
});
