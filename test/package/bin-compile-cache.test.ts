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

// Stands in for module.enableCompileCache: says on standard error that it was called.
const preload = `data:text/javascript,${encodeURIComponent(
  "import m from 'node:module'; m.enableCompileCache = () => { process.stderr.write('compile cache on\\n'); return { status: 1 }; };",
)}`;

describe('the dispatchsim executable', () => {
  it("turns on Node's compile cache once, where Node has one, and runs as before", () => {
    const run = spawnSync(
      process.execPath,
      ['--import', preload, bin, 'run', scenario, '--format', 'json'],
      { encoding: 'utf8' },
    );

    expect(run.stderr).toBe('compile cache on\n');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ passed: true });
  });

  it('runs where Node has no compile cache', () => {
    const preloadWithout = `data:text/javascript,${encodeURIComponent(
      "import m from 'node:module'; delete m.enableCompileCache;",
    )}`;
    const run = spawnSync(
      process.execPath,
      ['--import', preloadWithout, bin, 'run', scenario, '--format', 'json'],
      { encoding: 'utf8' },
    );

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
