// `dispatchsim explain <fault kind>` (user report: a scenario author's `explain
// duplicate-handle-failure` was exit 2, with no pointer to 4016 or 4031). The words are the
// README's fault rule table's, kept the same by this test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { faultKindExplanations } from '../../src/faults/fault-kind-explanations.js';
import { faultKinds } from '../../src/scenario/fault-schema.js';
import { createFakeIo } from '../helpers/fake-cli-io.js';

/** The README's fault rule table: kind, fields, what nthSession counts, what happens. */
function readmeRows(): Map<string, string[]> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('| kind ');
  const table = readme.slice(start, readme.indexOf('\n\n', start));
  return new Map(
    table
      .split('\n')
      .slice(2)
      .map((row) =>
        row
          .replace(/^\|/, '')
          .replace(/\|$/, '')
          .split(' | ')
          .map((c) => c.trim()),
      )
      .map(([kind = '', ...rest]) => [kind.replaceAll('`', ''), rest]),
  );
}

describe('the fault kinds in words', () => {
  it("say what the README's fault rule table says, for every kind", () => {
    const rows = readmeRows();

    expect([...rows.keys()].sort()).toEqual([...faultKinds].sort());
    for (const kind of faultKinds) {
      const { fields, nthSessionCounts, whatHappens } = faultKindExplanations[kind];
      expect([fields, nthSessionCounts, whatHappens], kind).toEqual(rows.get(kind));
    }
  });
});

describe('dispatchsim explain <fault kind>', () => {
  it('says what the kind does, which events to explain next and which bundled scenario shows it', async () => {
    const io = createFakeIo();

    const code = await runCli(['explain', 'duplicate-handle-failure'], io);

    expect(code).toBe(0);
    const out = io.out();
    expect(out).toMatch(/^duplicate-handle-failure {2}a fault kind \(faults\[\]\.kind\)\n/);
    expect(out).toContain('F1: 4008, 4016 (TCP), 4031, Event Log 8');
    const named = out.slice(out.indexOf('The events it names')).replaceAll(/\s+/g, ' ');
    expect(named).toContain(
      'dispatchsim explain 4008, dispatchsim explain 4016, dispatchsim explain 4031, dispatchsim explain 8',
    );
    expect(out).toContain('dispatchsim run dup-handle-failure');
    expect(out).toContain('target, fromMs, toMs, nthSession, probability, count');
    expect(Math.max(...out.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  });

  it('suggests the kind a misspelt one stands for', async () => {
    const io = createFakeIo();

    const code = await runCli(['explain', 'duplicate-handle-failur'], io);

    expect(code).toBe(2);
    expect(io.err()).toContain('did you mean duplicate-handle-failure?');
  });
});
