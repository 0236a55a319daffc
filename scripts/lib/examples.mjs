// Type-checks the README programs under every module-resolution mode a consumer may use, and
// runs them with Node, in a project that installed the packed tarballs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { bin, root, run } from './workspace.mjs';

const BASE = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  strict: true,
  skipLibCheck: false,
  noEmit: true,
};

/** The consumer settings checked: name → compilerOptions. */
export const MODES = {
  // This one also writes the JavaScript that runExamples runs.
  nodenext: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    noEmit: false,
    outDir: 'out',
    rootDir: 'examples',
  },
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  'bundler+customConditions[node]': {
    module: 'esnext',
    moduleResolution: 'bundler',
    customConditions: ['node'],
  },
  'nodenext+types[node]': { module: 'nodenext', moduleResolution: 'nodenext', types: ['node'] },
};

/** Writes each program to `examples/<name>.ts` in the consumer project. */
export function writeExamples(dir, programs) {
  mkdirSync(join(dir, 'examples'), { recursive: true });
  for (const { name, program } of programs)
    writeFileSync(join(dir, 'examples', `${name}.ts`), program);
}

function tsconfig(dir, name, options) {
  const file = join(dir, `tsconfig.${name.replace(/[^\w.-]/g, '_')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ compilerOptions: { ...BASE, ...options }, include: ['examples/*.ts'] }),
  );
  return file;
}

/**
 * Runs `tsc` on the examples under each mode.
 * @returns `[{ mode, ok, errors }]` (`errors`: tsc's first lines when it failed).
 */
export function typeMatrix(dir) {
  return Object.entries(MODES).map(([mode, options]) => {
    try {
      run(bin('tsc'), ['-p', tsconfig(dir, mode, options)], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { mode, ok: true, errors: '' };
    } catch (error) {
      return {
        mode,
        ok: false,
        errors: String(error.stdout ?? error.message)
          .split('\n')
          .slice(0, 12)
          .join('\n'),
      };
    }
  });
}

/** Where the real Fashion-MNIST files are on this machine, if anywhere. */
export function fashionMnistFolder() {
  const candidates = [
    process.env.DENDRITE_DATA_DIR && join(process.env.DENDRITE_DATA_DIR, 'fashion-mnist'),
    join(root, '..', 'shared', 'data', 'fashion-mnist'),
    join(homedir(), '.keras', 'datasets', 'fashion-mnist'),
    '/usr/share/datasets/fashion-mnist',
  ].filter(Boolean);
  return candidates.find((folder) => existsSync(join(folder, 'train-labels-idx1-ubyte.gz')));
}

/**
 * Writes the first `train`/`test` items of the real Fashion-MNIST files (headers rewritten) into
 * `<dataDir>/fashion-mnist`, so the examples train on real images in seconds.
 */
export function writeDataSubset(source, dataDir, train = 1000, test = 200) {
  const out = join(dataDir, 'fashion-mnist');
  mkdirSync(out, { recursive: true });
  for (const [prefix, count] of [
    ['train', train],
    ['t10k', test],
  ]) {
    for (const [kind, header, itemBytes] of [
      ['images-idx3', 16, 784],
      ['labels-idx1', 8, 1],
    ]) {
      const file = `${prefix}-${kind}-ubyte.gz`;
      const bytes = gunzipSync(readFileSync(join(source, file)));
      const slice = Buffer.from(bytes.subarray(0, header + count * itemBytes));
      slice.writeUInt32BE(count, 4);
      writeFileSync(join(out, file), gzipSync(slice));
    }
  }
  return dataDir;
}

/**
 * Runs each example compiled by {@link typeMatrix} (nodenext) with Node in its own folder, with a temporary
 * HOME and `DENDRITE_DATA_DIR` pointing at `dataDir`.
 * @returns `[{ name, ok, seconds, output }]`.
 */
export function runExamples(dir, programs, { dataDir, skip = () => undefined }) {
  const home = mkdtempSync(join(tmpdir(), 'dendrite-home-'));
  return programs.map(({ name, ...program }) => {
    const reason = skip(program);
    if (reason !== undefined) return { name, ok: true, skipped: reason, seconds: 0, output: '' };
    const cwd = join(dir, 'run', name);
    mkdirSync(cwd, { recursive: true });
    const start = performance.now();
    try {
      const output = run(process.execPath, [join(dir, 'out', `${name}.js`)], {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, HOME: home, DENDRITE_DATA_DIR: dataDir ?? join(home, 'no-data') },
        timeout: 300_000,
      });
      return { name, ok: true, seconds: (performance.now() - start) / 1000, output };
    } catch (error) {
      return {
        name,
        ok: false,
        seconds: (performance.now() - start) / 1000,
        output: `${error.stdout ?? ''}${error.stderr ?? error.message}`,
      };
    }
  });
}
