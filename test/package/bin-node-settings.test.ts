// What the executable asks of Node before it runs a command (issue 12): Node's module compile
// cache where Node has one (22.1 and later: the chunks a command imports are then not
// compiled again on the next run), and V8's heap growth limited to twice the live data
// (heap-growth.ts). Node 20, which runs these tests, has no compile cache, so a preload stands
// in for it and records the call; another records what is passed to v8.setFlagsFromString.
// Reads the built output `npm test` makes before vitest runs.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'dist/bin/dispatchsim.js');
const scenario = resolve(root, 'scenarios/healthy-baseline.yaml');

// Runs a bundled scenario through the executable after a preload (which sees node:module as
// `m` and node:v8 as `v8`), with Node's own arguments before it.
function runAfter(preload: string, nodeArgs: readonly string[] = []) {
  const source = `import m from 'node:module'; import v8 from 'node:v8'; ${preload}`;
  return spawnSync(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      `data:text/javascript,${encodeURIComponent(source)}`,
      bin,
      'run',
      scenario,
      '--format',
      'json',
    ],
    { encoding: 'utf8' },
  );
}

// Records every V8 flag the executable sets on standard error, and sets it.
const RECORD_FLAGS =
  'const set = v8.setFlagsFromString; v8.setFlagsFromString = (f) => { process.stderr.write(`flags ${f}\\n`); set(f); };';

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

  it("limits V8's heap growth to twice the live data", () => {
    const run = runAfter(RECORD_FLAGS);

    expect(run.stderr).toBe('flags --heap-growing-percent=100\n');
    expect(run.status).toBe(0);
  });

  it('keeps the heap growth given to node', () => {
    const run = runAfter(RECORD_FLAGS, ['--heap-growing-percent=300']);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
