// Builds the prebuilt addon the package tarball ships: linux-x64 glibc, statically linked against
// OpenBLAS (Debian's libopenblas-dev provides libopenblas.a), so it needs neither a compiler nor
// libopenblas.so on the machine that installs it. Writes prebuilds/linux-x64/dendrite_native.node
// (stripped), building in a temporary copy so build/Release is left alone. Skips the build when
// the binary is newer than every native source (`--force` rebuilds). Run by `prepack`; elsewhere
// than linux-x64 or without libopenblas.a it prints one line and exits 0 (`--strict`: exits 1).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const strict = process.argv.includes('--strict');
const target = join(root, 'prebuilds', 'linux-x64', 'dendrite_native.node');
const staticLib =
  process.env.DENDRITE_OPENBLAS_STATIC ??
  '/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.a';
const name = '@dendrite/backend-native prebuild';

function stop(line, failed) {
  (failed && strict ? console.error : console.log)(`${name}: ${line}`);
  process.exit(failed && strict ? 1 : 0);
}

function newestSource() {
  const files = ['binding.gyp', ...readdirSync(join(root, 'native')).map((f) => join('native', f))];
  return Math.max(...files.map((file) => statSync(join(root, file)).mtimeMs));
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} failed:\n${`${result.stderr ?? ''}${result.stdout ?? ''}`.slice(-2000)}`,
    );
  }
  return result.stdout ?? '';
}

if (process.platform !== 'linux' || process.arch !== 'x64') stop('not linux-x64; skipped', true);
if (!existsSync(staticLib))
  stop(`no ${staticLib} (apt-get install libopenblas-dev); skipped`, true);
if (
  !process.argv.includes('--force') &&
  existsSync(target) &&
  statSync(target).mtimeMs >= newestSource()
) {
  stop('prebuilds/linux-x64/dendrite_native.node is up to date', false);
}

const work = mkdtempSync(join(tmpdir(), 'dendrite-prebuild-'));
let outcome;
try {
  cpSync(join(root, 'binding.gyp'), join(work, 'binding.gyp'));
  cpSync(join(root, 'native'), join(work, 'native'), { recursive: true });
  const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const nodeDir = [dirname(dirname(process.execPath)), '/usr'].find((dir) =>
    existsSync(join(dir, 'include', 'node', 'node_api.h')),
  );
  run(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--loglevel=warn',
      `--jobs=${availableParallelism()}`,
      `--openblas_static=${staticLib}`,
      ...(nodeDir ? [`--nodedir=${nodeDir}`] : []),
    ],
    // binding.gyp asks node-addon-api for its include folder with require(): resolve it from here.
    { cwd: work, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } },
  );
  const output = join(work, 'build', 'Release', 'dendrite_native.node');
  run('strip', ['--strip-unneeded', output]);
  // Statically linked: nothing but the C library and Node-API may stay undefined.
  const needed =
    run('readelf', ['-d', output]).match(/\(NEEDED\)\s+Shared library: \[[^\]]+\]/g) ?? [];
  const unexpected = needed.filter(
    (line) => !/\[(libc|libm|ld-linux[^\]]*)\.so[^\]]*\]/.test(line),
  );
  if (unexpected.length > 0) throw new Error(`the binary still links ${unexpected.join(', ')}`);
  mkdirSync(dirname(target), { recursive: true });
  // Through a temporary name in the same folder, so the binary appears whole or not at all.
  cpSync(output, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  outcome = [
    `wrote prebuilds/linux-x64/dendrite_native.node (${(statSync(target).size / 2 ** 20).toFixed(1)} MiB)`,
    false,
  ];
} catch (error) {
  outcome = [error instanceof Error ? error.message : String(error), true];
} finally {
  rmSync(work, { recursive: true, force: true });
}
stop(...outcome);
