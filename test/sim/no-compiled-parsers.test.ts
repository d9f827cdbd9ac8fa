// Validating and running a scenario compiles no zod parser. zod's default compiles a parser
// (new Function) for each object schema on its first parse; a run parses its scenario and
// options once, so compiling costs more than it saves (issue 12: 3-7 ms of a one-session
// run's start-up). The parses pass zod's per-parse `jitless`, which leaves a library user's
// global zod configuration alone.

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { createSimulation } from '../../src/sim/simulation.js';

it('validating and running a scenario compiles no zod parser', async () => {
  // Arrange: a bundled scenario, with a pool, an app and a fault rule
  const text = readFileSync(
    new URL('../../scenarios/dup-handle-failure.yaml', import.meta.url),
    'utf8',
  );
  const RealFunction = globalThis.Function;
  let compiled = 0;
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args: unknown[]) {
      compiled++;
      return Reflect.construct(target, args) as object;
    },
  });

  // Act
  let balanced;
  try {
    const parsed = parseScenario(text, 'dup-handle-failure.yaml');
    if (!parsed.ok) throw new Error('the bundled scenario did not parse');
    balanced = (await createSimulation(parsed.scenario, { seed: 7 }).run()).balanced;
  } finally {
    globalThis.Function = RealFunction;
  }

  // Assert
  expect(balanced).toBe(true);
  expect(compiled).toBe(0);
});
