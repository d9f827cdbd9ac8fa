/* global process, console */
// Runs the .NET interop tests (interop/dotnet: a real WCF client and Polly against
// `dispatchsim serve`, issue 14) with `dotnet test`. They need the built CLI (dist/) and the
// .NET SDK. Without `dotnet` on PATH they are skipped with a clear line, unless they are
// required (`--require`, or DISPATCHSIM_REQUIRE_INTEROP=1 as .ci/run sets it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const required =
  process.argv.includes('--require') || process.env['DISPATCHSIM_REQUIRE_INTEROP'] === '1';
const probe = spawnSync('dotnet', ['--version'], { stdio: 'ignore' });
if (probe.error !== undefined || probe.status !== 0) {
  if (required) {
    console.error(
      'interop: dotnet is not on PATH, and the .NET interop tests are required here: install the .NET 10 SDK',
    );
    process.exit(1);
  }
  console.log(
    'interop: SKIPPED the .NET interop tests (interop/dotnet): dotnet is not on PATH. Install the .NET 10 SDK and run `npm run test:interop`.',
  );
  process.exit(0);
}
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('interop: dist/cli/main.js is missing: run `npm run build` first');
  process.exit(1);
}
const run = spawnSync(
  'dotnet',
  ['test', join(root, 'interop', 'dotnet'), '--nologo', '--logger', 'console;verbosity=normal'],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
