// The CI files in docs/ that run a swarm across machines do what their comments say: the
// GitHub Actions workflow fails on every case that did not pass; a pod passes SIGTERM on. Both
// swarm with the how-to's --kinds (user report, 2026-12-04): without it, a pool stopped for
// good broke every promise, and the nightly shrink always gave `app-pool-stop atMs: 0`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/run-cli.js';
import { createFakeIo, repoRoot } from '../helpers/fake-cli-io.js';

interface WorkflowStep {
  readonly name?: string;
  readonly run?: string;
}

const docsFile = (name: string): string =>
  readFileSync(resolve(import.meta.dirname, '../../docs', name), 'utf8');

const workflow = parse(docsFile('swarm-github-actions.yml')) as {
  readonly jobs: {
    readonly shard: { readonly steps: readonly WorkflowStep[] };
    readonly merge: { readonly steps: readonly WorkflowStep[] };
  };
};

// The --kinds of the how-to's swarm: the faults a retry policy claims to ride out.
const howToKinds = /--kinds (\S+)/.exec(
  docsFile('find-the-fault-plan-that-breaks-your-retry-policy.md'),
)?.[1];

const kindsOf = (command: string): string | undefined => /--kinds (\S+)/.exec(command)?.[1];

// The step's test of the merged output, `grep -q[E] '<pattern>' swarm.ndjson`, as a RegExp
// (the pattern is a literal or an ERE, which JavaScript reads the same way).
function shrinkStepFiresOn(merged: string): boolean {
  const step = workflow.jobs.merge.steps.find((s) => s.name?.startsWith('Shrink') === true);
  const pattern = /grep -qE? '([^']+)' swarm\.ndjson/.exec(step?.run ?? '')?.[1];
  expect(pattern).toBeDefined();
  return new RegExp(pattern ?? '$^').test(merged);
}

// Every case passes its horizon: each ends as an error (sim.horizon-exceeded), none fails.
const PASSES_ITS_HORIZON = `name: short-horizon
seed: 1
horizonMs: 500
apps:
  - { name: orders, baseAddress: net.tcp://localhost/orders/, workers: 1 }
workload:
  sessions: 100
  arrivals: { poisson: { ratePerSec: 100 } }
`;

// Runs a step's script as GitHub Actions does (bash -e, pipefail) with `npx` standing for a
// dispatchsim that exits with `code`, and returns the step's exit status.
function stepStatus(run: string, code: number): number | null {
  const bin = mkdtempSync(join(tmpdir(), 'dispatchsim-step-'));
  try {
    writeFileSync(join(bin, 'npx'), `#!/bin/sh\nexit ${code}\n`, { mode: 0o755 });
    return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run], {
      cwd: bin,
      env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    }).status;
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('docs/swarm-github-actions.yml', () => {
  // merge exits 1 when a merged case failed: as a bare step that failed the job there, and the
  // shrink step after it, the one the failure needs, was skipped (user report).
  it('goes on to the shrink step when the merge exits 1, and stops on any other failure', () => {
    const merge = workflow.jobs.merge.steps.find((s) => s.run?.includes('dispatchsim merge'));

    expect(merge?.run).toBeDefined();
    expect(stepStatus(merge?.run ?? '', 0)).toBe(0);
    expect(stepStatus(merge?.run ?? '', 1)).toBe(0);
    expect(stepStatus(merge?.run ?? '', 2)).not.toBe(0);
  });

  it('shrinks and fails the merge job when a case ended in an error, as when one failed', async () => {
    const io = createFakeIo({ files: { [join(repoRoot, 'short.yaml')]: PASSES_ITS_HORIZON } });

    const code = await runCli(
      ['swarm', 'short.yaml', '--runs', '2', '--format', 'ndjson', '--no-shrink', '--threads', '1'],
      io,
    );

    expect(code).toBe(1);
    expect(io.out()).toContain('"verdict":"error"');
    expect(io.out()).not.toContain('"verdict":"fail"');
    expect(shrinkStepFiresOn(io.out())).toBe(true);
  });

  it("swarms with the how-to's --kinds", () => {
    const shard = workflow.jobs.shard.steps.find((s) => s.run?.includes('dispatchsim swarm'));

    expect(howToKinds).toMatch(/^[a-z-]+(,[a-z-]+)+$/);
    expect(kindsOf(shard?.run ?? '')).toBe(howToKinds);
  });

  it('does not shrink or fail the merge job when every case passed', () => {
    const merged = '{"type":"case","index":0,"verdict":"pass","failure":null,"error":null}\n';

    expect(shrinkStepFiresOn(merged)).toBe(false);
  });
});

const job = parse(docsFile('swarm-kubernetes-job.yaml')) as {
  readonly spec: {
    readonly template: {
      readonly spec: { readonly containers: readonly { readonly args: readonly string[] }[] };
    };
  };
};

describe('docs/swarm-kubernetes-job.yaml', () => {
  // The pod's shell is its PID 1, which ignores SIGTERM unless it traps it, and npx does not
  // pass SIGTERM on to dispatchsim: an evicted pod was killed after its grace period, its
  // temporary --out file left on the shared volume.
  it('forwards SIGTERM to dispatchsim itself, not through npx', () => {
    const command = job.spec.template.spec.containers[0]?.args[0] ?? '';

    expect(command).not.toMatch(/\bnpx\b/);
    expect(command).toMatch(/^node_modules\/\.bin\/dispatchsim swarm .* & pid=\$!;/);
    expect(command).toContain(`trap 'kill -TERM $pid' TERM;`);
  });

  it("swarms with the how-to's --kinds", () => {
    const command = job.spec.template.spec.containers[0]?.args[0] ?? '';

    expect(kindsOf(command)).toBe(howToKinds);
  });
});
