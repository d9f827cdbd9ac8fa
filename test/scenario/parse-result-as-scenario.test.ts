// A caller that passes what parseScenario (or validateScenario) returned where a scenario is
// expected, e.g. `createSimulation(parseScenario(text))` from JavaScript, is told so in one
// issue that says what to pass instead; the issues of a failed parse come after it, since
// they are what is wrong with the scenario meant.
import { describe, expect, it } from 'vitest';
import { formatScenarioIssue, ScenarioError } from '../../src/errors/scenario-error.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { validateScenario } from '../../src/scenario/validate-scenario.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { base } from '../helpers/malformed-scenarios.js';

function issuesOf(input: unknown): string[] {
  const validation = validateScenario(input, '<scenario>');
  return validation.ok ? [] : validation.issues.map(formatScenarioIssue);
}

describe('a parse result passed as a scenario', () => {
  it('names the field to pass when the parse succeeded', () => {
    const parsed = parseScenario(base, 's.yaml');

    expect(issuesOf(parsed)).toEqual([
      "<scenario>: expected a scenario, not the result of parseScenario or validateScenario: pass its 'scenario' field (got a result with ok: true)",
    ]);
  });

  it('lists the parse issues after it when the parse failed', () => {
    const parsed = parseScenario(`${base}faults:\n  - { kind: no-such-fault }\n`, 's.yaml');
    const parseIssues = parsed.ok ? [] : parsed.issues.map(formatScenarioIssue);

    expect(parseIssues.length).toBeGreaterThan(0);
    expect(issuesOf(parsed)).toEqual([
      `<scenario>: expected a scenario, not the result of parseScenario or validateScenario: it holds no scenario, because of the issues below (got a result with ok: false and ${parseIssues.length} issue${parseIssues.length === 1 ? '' : 's'})`,
      ...parseIssues,
    ]);
  });

  it('is the error createSimulation throws', () => {
    const parsed = parseScenario(base, 's.yaml');

    expect(() => createSimulation(parsed as never)).toThrow(ScenarioError);
    expect(() => createSimulation(parsed as never)).toThrow(/pass its 'scenario' field/);
  });

  it('leaves a scenario with its own fields named ok and scenario to the schema', () => {
    const parsed = parseScenario(base, 's.yaml');
    const input = parsed.ok ? { ...parsed.input, ok: 'yes' } : {};

    expect(issuesOf(input)).toEqual([
      "<scenario>: ok: expected no such field (unknown key) (got 'yes' (string))",
    ]);
  });
});
