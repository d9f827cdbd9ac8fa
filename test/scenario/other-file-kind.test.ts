// A run's output given where a scenario goes (user report: `run big.ndjson` on a 95 MB trace
// ran out of memory after 52 s with a V8 stack trace; a JSON report, an Event Viewer XML
// trace or a small trace gave 21 to 26 lines of errors) is named for what it is, at once.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { formatScenarioIssues } from '../../src/errors/scenario-error.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { createFakeIo, fixture, repoRoot } from '../helpers/fake-cli-io.js';

async function outputOf(format: string): Promise<string> {
  const io = createFakeIo();
  await runCli(['run', fixture('healthy-baseline'), '--format', format], io);
  return io.out();
}

describe('a run output given as a scenario', () => {
  it.each([
    ['ndjson', "a run's NDJSON trace (--format ndjson), not a scenario"],
    ['json', "a run's JSON report (--format json), not a scenario"],
    ['evtx-xml', 'an Event Viewer XML trace (--format evtx-xml), not a scenario'],
    ['perfetto', 'a Perfetto trace (--format perfetto), not a scenario'],
    ['html', 'an HTML report (--format html), not a scenario'],
  ])('is named for what it is: %s', async (format, what) => {
    const text = await outputOf(format);

    const parsed = parseScenario(text, 'out.txt');

    expect(parsed.ok ? [] : formatScenarioIssues(parsed.issues)).toEqual([
      `out.txt:1: expected a scenario (YAML or JSON) (got ${what})`,
    ]);
  });

  it("names a sweep's or swarm's NDJSON output, and stops a run at once", async () => {
    const header =
      '{"type":"header","tool":"dispatchsim","version":"0.1.0","command":"swarm","inputs":[]}\n';
    const io = createFakeIo({ files: { [`${repoRoot}s.ndjson`]: header } });

    const code = await runCli(['run', 's.ndjson'], io);

    expect(code).toBe(2);
    expect(io.err()).toBe(
      "s.ndjson:1: expected a scenario (YAML or JSON) (got a sweep's or swarm's NDJSON output, which shrink and merge read, not a scenario)\n",
    );
  });
});
