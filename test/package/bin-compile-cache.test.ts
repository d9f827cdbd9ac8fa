// The executable turns on Node's module compile cache where Node has one (22.1 and later):
// the chunks a command imports are then not compiled again on the next run (issue 12,
// start-up). Node 20, which runs these tests, has no such function, so a preload stands in
// for it and records the call. Reads the built output `npm test` makes before vitest runs.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'dist/bin/dispatchsim.js');
const scenario = resolve(root, 'scenarios/healthy-baseline.yaml');

// Runs a bundled scenario through the executable after a preload that sets up node:module.
function runAfter(preload: string) {
  return spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(`import m from 'node:module'; ${preload}`)}`,
      bin,
      'run',
      scenario,
      '--format',
      'json',
    ],
    { encoding: 'utf8' },
  );
}

describe('the dispatchsim executable', () => {
  it("turns on Node's compile cache once, where Node has one, and runs as before", () => {
    // Stands in for module.enableCompileCache: says on standard error that it was called.
    const run = runAfter(
      "m.enableCompileCache = () => { process.stderr.write('compile cache on\\n'); return { status: 1 }; };",
    );

    expect(run.stderr).toBe('compile cache on\n');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ passed: true });
  });

  it('runs where Node has no compile cache', () => {
    const run = runAfter('delete m.enableCompileCache;');

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
