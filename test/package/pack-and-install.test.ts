// The package works where users are (issue 15): packed from a copy of the sources with no
// dist/ (as a fresh clone is, so prepack must build it), installed into a new project outside
// the repository, and used there as the README says: the CLI on a bundled scenario by its bare
// name, `dispatchsim explain 8`, and a vitest file with runScenario('<name>') and the matchers,
// with no source-map warning. Slow (a build, a pack, an install and a vitest run), so it is one
// test with a generous timeout.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// The environment of a child process without the npm_* variables of the `npm test` that may
// run this file, so the nested npm reads only its own configuration.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
);

function run(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd, env: { ...env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, stdout, stderr });
      },
    );
  });
}

let tmp = '';
let project = '';
let installed: Ran;
let tarball = '';

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'dispatchsim-pack-'));
  // A copy of what a clone holds, without dist/: `npm pack` there must build it (prepack).
  const clone = join(tmp, 'clone');
  await mkdir(clone);
  for (const entry of [
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'rolldown.config.js',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'src',
    'scenarios',
    'docs',
  ]) {
    await cp(join(root, entry), join(clone, entry), { recursive: true });
  }
  await symlink(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  const packed = await run('npm', ['pack', '--pack-destination', tmp], clone);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(tmp, packed.stdout.trim().split('\n').at(-1) ?? '');

  project = join(tmp, 'project');
  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'user-project', private: true, type: 'module' }),
  );
  // From npm's cache when it holds the dependencies (after `npm ci`, it does): fast and
  // without network; else from the registry.
  const install = ['install', '--no-audit', '--no-fund', tarball];
  installed = await run('npm', [...install, '--offline'], project);
  if (installed.code !== 0) installed = await run('npm', [...install, '--prefer-offline'], project);
  // vitest is an optional peer dependency: the user brings their own; here, the repository's.
  await symlink(
    join(root, 'node_modules', 'vitest'),
    join(project, 'node_modules', 'vitest'),
    'dir',
  );
}, 600_000);

afterAll(async () => {
  if (tmp !== '') await rm(tmp, { recursive: true, force: true });
});

describe('the packed package, installed in a project outside the repository', () => {
  it('ships what a user needs and works from there: CLI, explain, runScenario and matchers', async () => {
    expect(installed.code, installed.stderr).toBe(0);
    const pkg = join(project, 'node_modules', 'dispatchsim');
    const shipped = await readdir(pkg);
    expect(shipped).toEqual(
      expect.arrayContaining(['dist', 'scenarios', 'docs', 'CHANGELOG.md', 'LICENSE', 'README.md']),
    );
    expect(await readdir(join(pkg, 'docs'))).toContain('wcf-activation-notes.md');
    // Every source map carries its sources, so nothing points at the src/ that is not shipped.
    const map = JSON.parse(
      await readFile(join(pkg, 'dist', 'sim', 'simulation.js.map'), 'utf8'),
    ) as { sources: string[]; sourcesContent?: (string | null)[] };
    expect(map.sourcesContent?.length).toBe(map.sources.length);
    expect(map.sourcesContent?.every((text) => typeof text === 'string' && text.length > 0)).toBe(
      true,
    );

    const bin = join(project, 'node_modules', '.bin', 'dispatchsim');
    const cli = await run(bin, ['run', 'dup-handle-failure'], project);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('dup-handle-failure');

    const explain = await run(bin, ['explain', '8'], project);
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/^Event Log 8 MessageQueueDuplicatedSocketLeak/);
    // What it cites is in the package.
    expect(explain.stdout).toContain('docs/wcf-activation-notes.md');

    await writeFile(
      join(project, 'vitest.config.js'),
      "export default { test: { setupFiles: ['dispatchsim/vitest/setup'] } };\n",
    );
    await writeFile(
      join(project, 'dispatch.test.js'),
      [
        "import { expect, it } from 'vitest';",
        "import { runScenario } from 'dispatchsim/vitest';",
        'import {',
        '  LivelockError,',
        '  SimulationAlreadyRunError,',
        '  isDispatchsimError,',
        '  listBundledScenarios,',
        "} from 'dispatchsim';",
        '',
        "it('runs a bundled scenario by its name', async () => {",
        '  const names = (await listBundledScenarios()).map((s) => s.name);',
        "  expect(names).toContain('dup-handle-failure');",
        "  const run = await runScenario('dup-handle-failure');",
        '  expect(run).toHaveEmitted(4031, { equals: 1 });',
        "  expect(run).toHaveEmitted('MessageQueueDuplicatedSocketError');",
        "  expect(run).toHaveOutcome('dispatched', { equals: 5 });",
        '  expect(run).toBalance();',
        '});',
        '',
        "it('exports the errors of the sim.* codes', () => {",
        "  const error = new LivelockError({ atMs: 5, steps: 9, open: 1, owner: 'idle-timeout', repeats: 9 });",
        "  expect([isDispatchsimError(error), error.code]).toEqual([true, 'sim.livelock']);",
        "  const twice = new SimulationAlreadyRunError({ scenario: 'x', seed: 1 });",
        "  expect([isDispatchsimError(twice), twice.code]).toEqual([true, 'sim.already-run']);",
        '});',
        '',
      ].join('\n'),
    );
    const vitest = await run(
      process.execPath,
      [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run'],
      project,
    );
    const output = vitest.stdout + vitest.stderr;
    expect(vitest.code, output).toBe(0);
    expect(output).toMatch(/2 passed/);
    expect(output).not.toMatch(/points to missing source files/);
  }, 300_000);

  it('type-checks a strict nodenext project that imports what the public API names from the root and uses it as the README does', async () => {
    expect(installed.code, installed.stderr).toBe(0);
    // The user's tsconfig of the reports: strict, nodenext, exactOptionalPropertyTypes,
    // noUncheckedIndexedAccess, and the libraries' own declarations checked too.
    await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
    await symlink(
      join(root, 'node_modules', '@types', 'node'),
      join(project, 'node_modules', '@types', 'node'),
      'dir',
    );
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          types: ['node'],
          rootDir: '.',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['consumer.ts'],
      }),
    );
    await writeFile(
      join(project, 'consumer.ts'),
      [
        "import { once } from 'node:events';",
        "import { LivelockError, createSimulation, isDispatchsimError, type EventOfId } from 'dispatchsim';",
        '',
        "const scenario = { name: 'x', apps: [{ name: 'a', baseAddress: 'net.tcp://localhost/a/' }] };",
        '// The README FAQ: wait for a full output to drain between steps.',
        'export const sim = createSimulation(scenario, {',
        "  onStep: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain') : undefined),",
        '});',
        'function tick(): void {}',
        'export const ticking = createSimulation(scenario, { onStep: tick });',
        "const caught: unknown = new LivelockError({ atMs: 5, steps: 9, open: 1, owner: 'idle-timeout', repeats: 9 });",
        "export const livelocked = isDispatchsimError(caught) && caught.code === 'sim.livelock';",
        'export const reasonOf = (event: EventOfId<4031>): string => event.annotations.reason;',
        '',
      ].join('\n'),
    );

    const tsc = await run(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project],
      project,
    );

    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  }, 120_000);
});
