// Packs everything the GPU rows of the bench need into `<repo>/.device-kit/` (git-ignored), for a
// machine with a GPU but no Node, no network and no pnpm: `node apps/bench/scripts/device-kit.mjs`
// here, then there `bash .device-kit/run.sh` (see device-run.sh beside this file).
// `--bundle-only DIR` writes only the bundle, to DIR/bundle (the bench's test runs it from there).
//
// The kit holds this Node binary, the bench bundled into two ES modules (esbuild, every workspace
// package and tfjs inside), the `webgpu` package's linux-x64 Dawn binary, the prebuilt native addon
// (OpenBLAS linked in), numpy_ceiling.py, the first samples of Fashion-MNIST and, when apt can fetch
// it, Debian's Vulkan loader. All of it travels as one kit.tar.gz, so the machine unpacks it once.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(bench, '..', '..');
const target = join(repo, '.device-kit');
const stage = join(target, 'stage');
/** Training and test samples of Fashion-MNIST the kit carries (the device rows use 12 000). */
const TRAIN_SAMPLES = 12_000;
const TEST_SAMPLES = 1_000;

function step(line) {
  console.log(`device-kit: ${line}`);
}

function fail(line) {
  console.error(`device-kit: ${line}`);
  process.exit(1);
}

/** The two entry points as ES modules in `into`/bundle, with `require` and `__dirname` defined. */
async function bundle(into) {
  const require = createRequire(join(bench, 'package.json'));
  const { build } = require('esbuild');
  await build({
    entryPoints: { bench: join(bench, 'src/bench.ts'), child: join(bench, 'src/child.ts') },
    outdir: join(into, 'bundle'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // The two share one copy of the libraries.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minifyWhitespace: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['@dendrite/source'],
    // Loaded at run time from the kit's own folders, or absent there (optional peers).
    external: ['webgpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'playwright-core'],
    banner: {
      js: [
        "import { createRequire as kitRequire } from 'node:module';",
        "import { fileURLToPath as kitPath } from 'node:url';",
        'const require = kitRequire(import.meta.url);',
        'const __filename = kitPath(import.meta.url);',
        "const __dirname = kitPath(new URL('.', import.meta.url));",
      ].join('\n'),
    },
    logLevel: 'warning',
  });
}

/** The first `count` records of an IDX file (gzip), its count field rewritten. */
function truncatedIdx(from, to, count) {
  const bytes = gunzipSync(readFileSync(from));
  const dims = bytes[3];
  let record = 1;
  for (let d = 1; d < dims; d++) record *= bytes.readUInt32BE(4 + 4 * d);
  const header = 4 + 4 * dims;
  const out = Buffer.from(bytes.subarray(0, header + count * record));
  out.writeUInt32BE(count, 4);
  writeFileSync(to, gzipSync(out));
}

function copyData() {
  const folders = [process.env.DENDRITE_DATA_DIR, join(repo, '..', 'shared', 'data')]
    .filter(Boolean)
    .map((dir) => join(dir, 'fashion-mnist'));
  folders.push('/usr/share/datasets/fashion-mnist');
  const source = folders.find((dir) => existsSync(join(dir, 'train-images-idx3-ubyte.gz')));
  if (!source) return step('no Fashion-MNIST found: the device rows will train on synthetic data');
  const to = join(stage, 'data', 'fashion-mnist');
  mkdirSync(to, { recursive: true });
  for (const [prefix, count] of [
    ['train', TRAIN_SAMPLES],
    ['t10k', TEST_SAMPLES],
  ]) {
    truncatedIdx(
      join(source, `${prefix}-images-idx3-ubyte.gz`),
      join(to, `${prefix}-images-idx3-ubyte.gz`),
      count,
    );
    truncatedIdx(
      join(source, `${prefix}-labels-idx1-ubyte.gz`),
      join(to, `${prefix}-labels-idx1-ubyte.gz`),
      count,
    );
  }
  step(`data: the first ${TRAIN_SAMPLES} training images of ${source}`);
}

function copyDawn() {
  const require = createRequire(join(repo, 'packages', 'tensor', 'package.json'));
  let root;
  try {
    root = dirname(require.resolve('webgpu/package.json'));
  } catch {
    fail('the `webgpu` package is not installed (pnpm install)');
  }
  const to = join(stage, 'node_modules', 'webgpu');
  mkdirSync(join(to, 'dist', 'linux-x64'), { recursive: true });
  for (const file of ['package.json', 'index.js']) copyFileSync(join(root, file), join(to, file));
  copyFileSync(
    join(root, 'dist', 'linux-x64', 'dawn.node'),
    join(to, 'dist', 'linux-x64', 'dawn.node'),
  );
}

function copyAddon() {
  const native = join(repo, 'packages', 'backend-native');
  const prebuilt = join(native, 'prebuilds', 'linux-x64', 'dendrite_native.node');
  // Rebuilds the prebuilt addon (OpenBLAS linked in) when a native source is newer than it.
  execFileSync(process.execPath, [join(native, 'scripts', 'prebuild.mjs'), '--strict'], {
    stdio: 'inherit',
  });
  // The addon is looked up one folder above the module that loads it: bundle/ for a module in
  // bundle/chunks/, the kit's root for one in bundle/. One copy, and a link for the other.
  mkdirSync(join(stage, 'prebuilds', 'linux-x64'), { recursive: true });
  copyFileSync(prebuilt, join(stage, 'prebuilds', 'linux-x64', 'dendrite_native.node'));
  symlinkSync('../prebuilds', join(stage, 'bundle', 'prebuilds'));
}

function fetchVulkanLoader() {
  const debs = join(stage, 'debs');
  mkdirSync(debs, { recursive: true });
  const run = spawnSync('apt-get', ['download', 'libvulkan1'], { cwd: debs, encoding: 'utf8' });
  if (run.status !== 0 || !readdirSync(debs).some((f) => f.endsWith('.deb'))) {
    step('apt-get could not fetch libvulkan1: the machine must have its own Vulkan loader');
  }
}

const bundleOnly = process.argv.indexOf('--bundle-only');
if (bundleOnly > 0) {
  const into = process.argv[bundleOnly + 1];
  if (!into) fail('--bundle-only: missing the folder to write the bundle into');
  await bundle(into);
  step(`wrote ${join(into, 'bundle')}`);
  process.exit(0);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  fail(`the device machine is linux-x64; this Node is ${process.platform}-${process.arch}`);
}
rmSync(target, { recursive: true, force: true });
mkdirSync(join(stage, 'bin'), { recursive: true });
step('bundling the bench');
await bundle(stage);
copyFileSync(process.execPath, join(stage, 'bin', 'node'));
copyFileSync(join(bench, 'numpy_ceiling.py'), join(stage, 'numpy_ceiling.py'));
copyDawn();
copyAddon();
copyData();
fetchVulkanLoader();
execFileSync('tar', ['-czf', join(target, 'kit.tar.gz'), '-C', stage, '.']);
rmSync(stage, { recursive: true });
copyFileSync(join(bench, 'scripts', 'device-run.sh'), join(target, 'run.sh'));
const mib = statSync(join(target, 'kit.tar.gz')).size / 2 ** 20;
step(`wrote .device-kit/kit.tar.gz (${mib.toFixed(1)} MiB) and .device-kit/run.sh`);
