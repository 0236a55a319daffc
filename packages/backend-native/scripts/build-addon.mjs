// Makes the OpenBLAS addon available, in this order:
//   1. a source build in build/Release that is newer than every native source: kept as it is;
//   2. the prebuilt binary shipped for this platform (prebuilds/, linux-x64 glibc), when it loads;
//   3. a source build with node-gyp, when a C++ compiler and OpenBLAS's cblas.h are there.
// Nothing is deleted before a build can succeed: without a compiler or the headers, an existing
// addon is left in place. An install must never fail because of this script: it prints one line
// and exits 0. `--strict` (CI) makes a failed build fail the command; `--force` skips 1 and 2.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const strict = process.argv.includes('--strict');
const force = process.argv.includes('--force');
const logFile = join(root, 'native-build.log');
const built = join(root, 'build', 'Release', 'dendrite_native.node');
const prebuilt = join(root, 'prebuilds', 'linux-x64', 'dendrite_native.node');
const name = '@dendrite/backend-native';

function done(line) {
  console.log(`${name}: ${line}`);
  process.exit(0);
}

function fail(reason) {
  const line = `${name}: native addon not built (${reason}); the package falls back to the other backends. Details: ${logFile}`;
  if (strict) {
    console.error(line);
    process.exit(1);
  }
  console.log(line);
  process.exit(0);
}

/** The newest modification time of binding.gyp and the native sources. */
function newestSource() {
  const files = ['binding.gyp', ...readdirSync(join(root, 'native')).map((f) => join('native', f))];
  return Math.max(...files.map((file) => statSync(join(root, file)).mtimeMs));
}

function loads(file) {
  try {
    createRequire(import.meta.url)(file);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/** cblas.h in the compiler's default include folders (Debian's multiarch one included) or CPATH. */
function hasCblasHeader() {
  const extra = [process.env.CPATH, process.env.CPLUS_INCLUDE_PATH]
    .flatMap((list) => (list ?? '').split(delimiter))
    .filter((dir) => dir !== '');
  const dirs = [
    '/usr/include',
    '/usr/local/include',
    `/usr/include/${process.arch === 'x64' ? 'x86_64' : 'aarch64'}-linux-gnu`,
    ...extra,
  ];
  return dirs.some((dir) => existsSync(join(dir, 'cblas.h')));
}

// Offline builds need local Node headers; node-gyp otherwise downloads them.
function nodeDir() {
  const candidates = [process.env.npm_config_nodedir, dirname(dirname(process.execPath)), '/usr'];
  return candidates.find(
    (dir) =>
      dir !== undefined && dir !== '' && existsSync(join(dir, 'include', 'node', 'node_api.h')),
  );
}

if (!force && existsSync(built) && statSync(built).mtimeMs >= newestSource() && loads(built)) {
  done('native addon up to date (build/Release)');
}
if (
  !force &&
  !existsSync(built) &&
  process.platform === 'linux' &&
  existsSync(prebuilt) &&
  loads(prebuilt)
) {
  done('using the prebuilt native addon (linux-x64, OpenBLAS linked in)');
}
const compiler = process.env.CXX ?? 'g++';
if (!onPath(compiler) && !onPath('c++')) fail(`no C++ compiler: apt-get install g++ make`);
if (!hasCblasHeader()) fail('OpenBLAS headers not found: apt-get install libopenblas-dev');

let gyp;
try {
  gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
} catch {
  fail('node-gyp is not installed');
}
const dir = nodeDir();
// One compiler per core: the sources compile independently.
const args = [
  gyp,
  'rebuild',
  '--loglevel=warn',
  `--jobs=${availableParallelism()}`,
  ...(dir ? [`--nodedir=${dir}`] : []),
];
const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}`);
if (result.status !== 0) {
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const hint = /cblas\.h|lopenblas/.test(output)
    ? 'OpenBLAS not found: apt-get install libopenblas-dev'
    : /not found: (make|g\+\+|c\+\+)|No such file or directory.*(g\+\+|make)/.test(output)
      ? 'no C++ toolchain: apt-get install g++ make'
      : `node-gyp exited with ${result.status ?? result.error}`;
  fail(hint);
}
done('native addon built (OpenBLAS)');
