#!/usr/bin/env node
// `npm run fuzz -- --runs N`: fuzzes the simulator itself (issue 10). Case i is a random
// valid scenario drawn from (seed, i) alone, run in a child process under a wall-clock
// watchdog and judged by fuzz-case.ts. Failures are grouped by class; the first case of
// each class is shrunk with fast-check's shrinker (same run seed, same failure class) and
// written as a replayable scenario file. Exit 0: no failure; 1: failures (files written);
// 2: a bad flag.

import { mkdir, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { stringify } from 'yaml';
import type { ScenarioInput } from '../scenario/scenario-schema.js';
import type { FuzzVerdict } from './fuzz-case.js';
import { FuzzPool } from './fuzz-pool.js';
import { randomScenario } from './random-scenario.js';

/** The runner's settings. */
interface FuzzSettings {
  readonly runs: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly jobs: number;
  readonly outDir: string;
  readonly shrink: boolean;
  readonly determinismEvery: number;
  readonly shrinkBudget: number;
  readonly maxSessions: number;
  readonly maxFaults: number;
}

const positive =
  (name: string, max = Number.MAX_SAFE_INTEGER) =>
  (text: string): number => {
    if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > max) {
      throw new InvalidArgumentError(
        `${name}: expected an integer from 1 to ${max}, got '${text}'`,
      );
    }
    return Number(text);
  };

function parseSettings(argv: readonly string[]): FuzzSettings {
  const program = new Command('fuzz')
    .description('fuzz the simulator with random valid scenarios')
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .allowExcessArguments(false)
    .option('--runs <n>', 'cases to run', positive('--runs'), 1000)
    .option(
      '--seed <n>',
      'the seed of the case generator',
      (t) => positive('--seed', 0xffffffff)(t),
      20261202,
    )
    .option(
      '--timeout-ms <n>',
      'wall-clock time a case may take before it is a hang',
      positive('--timeout-ms'),
      20_000,
    )
    .option(
      '--jobs <n>',
      'child processes',
      positive('--jobs', 64),
      Math.max(1, availableParallelism()),
    )
    .option('--out-dir <dir>', 'where shrunk failing scenarios are written', 'fuzz-failures')
    .option(
      '--determinism-every <n>',
      'check determinism on every nth case',
      positive('--determinism-every'),
      10,
    )
    .option(
      '--shrink-budget <n>',
      'most evaluations spent shrinking one failure class',
      positive('--shrink-budget'),
      300,
    )
    .option(
      '--max-sessions <n>',
      'most first-attempt sessions of a case',
      positive('--max-sessions', 100_000),
      40,
    )
    .option('--max-faults <n>', 'most fault rules of a case', positive('--max-faults', 100), 6)
    .option('--no-shrink', 'write failing cases as found, unshrunk');
  program.parse([...argv], { from: 'user' });
  const o = program.opts<{
    runs: number;
    seed: number;
    timeoutMs: number;
    jobs: number;
    outDir: string;
    determinismEvery: number;
    shrinkBudget: number;
    shrink: boolean;
    maxSessions: number;
    maxFaults: number;
  }>();
  return { ...o };
}

/** The generator seed of case i: a fixed mix of (seed, i), so a case depends on nothing else. */
function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

function generate(
  arbitrary: fc.Arbitrary<ScenarioInput>,
  seed: number,
  index: number,
): fc.Value<ScenarioInput> {
  return arbitrary.generate(new fc.Random(xoroshiro128plus(caseSeed(seed, index))), undefined);
}

interface FailureClass {
  readonly signature: string;
  readonly first: number;
  readonly value: fc.Value<ScenarioInput>;
  readonly runSeed: number;
  readonly verdict: Extract<FuzzVerdict, { ok: false }>;
  count: number;
}

async function shrinkClass(
  arbitrary: fc.Arbitrary<ScenarioInput>,
  pool: FuzzPool,
  failure: FailureClass,
  budget: number,
): Promise<{ scenario: ScenarioInput; evaluations: number; steps: number }> {
  let current = failure.value;
  let evaluations = 0;
  let steps = 0;
  let id = 1_000_000_000;
  outer: for (;;) {
    for (const candidate of arbitrary.shrink(current.value, current.context)) {
      if (++evaluations > budget) break outer;
      const verdict = await pool.run({
        id: id++,
        scenario: candidate.value,
        seed: failure.runSeed,
        checkDeterminism: failure.verdict.kind === 'nondeterministic',
      });
      if (!verdict.ok && verdict.signature === failure.signature) {
        current = candidate;
        steps++;
        continue outer;
      }
    }
    break;
  }
  return { scenario: current.value, evaluations, steps };
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

function scenarioFile(
  failure: FailureClass,
  scenario: ScenarioInput,
  file: string,
  settings: FuzzSettings,
): string {
  const named = {
    ...scenario,
    name: `fuzz-${failure.verdict.kind}-${failure.first}`,
    seed: failure.runSeed,
  };
  return [
    `# A failing fuzz case (npm run fuzz -- --seed ${settings.seed}; case ${failure.first}),`,
    `# ${settings.shrink ? 'shrunk' : 'as found'}, ${failure.count} case(s) of this class.`,
    `# Failure: ${failure.verdict.kind}: ${failure.verdict.message}`,
    `# Replay: dispatchsim run ${file} --seed ${failure.runSeed}`,
    stringify(named),
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  let settings: FuzzSettings;
  try {
    settings = parseSettings(argv);
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed') return 0;
      process.stderr.write(`fuzz: ${error.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    throw error;
  }
  const started = performance.now();
  process.stdout.write(
    `fuzz: ${settings.runs} cases from seed ${settings.seed} (up to ${settings.maxSessions} sessions and ${settings.maxFaults} fault rules), ${settings.jobs} processes, ` +
      `${settings.timeoutMs} ms watchdog, determinism checked on every ${settings.determinismEvery}th case\n`,
  );
  const arbitrary = randomScenario({
    maxSessions: settings.maxSessions,
    maxFaults: settings.maxFaults,
  });
  const pool = new FuzzPool(settings.jobs, settings.timeoutMs);
  const classes = new Map<string, FailureClass>();
  let done = 0;
  let next = 0;
  let sessions = 0;
  const worker = async (): Promise<void> => {
    while (next < settings.runs) {
      const index = next++;
      const value = generate(arbitrary, settings.seed, index);
      const runSeed = caseSeed(settings.seed, index) % 1_000_000;
      const verdict = await pool.run({
        id: index,
        scenario: value.value,
        seed: runSeed,
        checkDeterminism: index % settings.determinismEvery === 0,
      });
      done++;
      if (verdict.ok) {
        sessions += verdict.sessions;
      } else {
        const known = classes.get(verdict.signature);
        if (known === undefined) {
          classes.set(verdict.signature, {
            signature: verdict.signature,
            first: index,
            value,
            runSeed,
            verdict,
            count: 1,
          });
          process.stderr.write(`fuzz: case ${index}: new failure class ${verdict.signature}\n`);
        } else {
          known.count++;
        }
      }
      if (done % 1000 === 0) {
        const failures = [...classes.values()].reduce((n, c) => n + c.count, 0);
        process.stderr.write(`fuzz: ${done}/${settings.runs} cases, ${failures} failures\n`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: settings.jobs }, worker));
    const seconds = (performance.now() - started) / 1000;
    const failures = [...classes.values()].reduce((n, c) => n + c.count, 0);
    process.stdout.write(
      `fuzz: ${done} cases (${sessions} sessions) in ${seconds.toFixed(1)} s: ${failures} failures in ${classes.size} classes\n`,
    );
    if (classes.size === 0) return 0;
    const outDir = resolve(settings.outDir);
    await mkdir(outDir, { recursive: true });
    let k = 0;
    for (const failure of classes.values()) {
      const shrunk = settings.shrink
        ? await shrinkClass(arbitrary, pool, failure, settings.shrinkBudget)
        : { scenario: failure.value.value, evaluations: 0, steps: 0 };
      const name = `${failure.verdict.kind}-${++k}.yaml`;
      const file = join(settings.outDir, name);
      await writeAtomically(
        join(outDir, name),
        scenarioFile(failure, shrunk.scenario, file, settings),
      );
      process.stdout.write(
        `  ${failure.count} x ${failure.signature}\n    first case ${failure.first}; ` +
          (settings.shrink
            ? `shrunk in ${shrunk.steps} steps (${shrunk.evaluations} runs); `
            : '') +
          `replay: dispatchsim run ${file} --seed ${failure.runSeed}\n`,
      );
    }
    return 1;
  } finally {
    pool.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
