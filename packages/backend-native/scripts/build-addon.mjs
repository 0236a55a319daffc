// Builds the OpenBLAS addon with node-gyp. An install must never fail because of it: without a
// compiler or OpenBLAS this prints one line and exits 0, and registerNativeBackend() explains
// later. `--strict` (used by CI) makes a failed build fail the command.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const strict = process.argv.includes('--strict');
const logFile = join(root, 'native-build.log');

// Offline builds need local Node headers; node-gyp otherwise downloads them.
function nodeDir() {
  const candidates = [process.env.npm_config_nodedir, dirname(dirname(process.execPath)), '/usr'];
  return candidates.find(
    (dir) =>
      dir !== undefined && dir !== '' && existsSync(join(dir, 'include', 'node', 'node_api.h')),
  );
}

function fail(reason) {
  const line = `@dendrite/backend-native: native addon not built (${reason}); the package falls back to the other backends. Details: ${logFile}`;
  if (strict) {
    console.error(line);
    process.exit(1);
  }
  console.log(line);
  process.exit(0);
}

let gyp;
try {
  gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
} catch {
  fail('node-gyp is not installed');
}
const dir = nodeDir();
const args = [gyp, 'rebuild', '--loglevel=warn', ...(dir ? [`--nodedir=${dir}`] : [])];
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
console.log('@dendrite/backend-native: native addon built (OpenBLAS)');
