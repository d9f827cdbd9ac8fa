// The JSON Schema of scenario files (issue 5), generated from the zod schema, the single
// source of truth (STYLE rule 21). It is committed as scenarios/scenario.schema.json so that
// editors (yaml-language-server) complete and check scenario files; a test keeps it current.

import { z } from 'zod';
import { RESOLVED_DURATION } from './duration-schema.js';
import { scenarioSchema } from './scenario-schema.js';

/** The `$id` of the scenario JSON Schema. */
export const SCENARIO_SCHEMA_ID = 'urn:dispatchsim:scenario';

/**
 * Generates the JSON Schema (draft 2020-12) of scenario files, as they are written: fields
 * with defaults are optional. The checks zod makes in code that JSON Schema can state (event
 * and Event Log references, net.tcp/net.pipe addresses, no appPool on a self-hosted app) are
 * restated as keywords (json-schema-hints.ts); the cross-field rules it cannot state (unique
 * or declared names, min against max, windows) are checked by `parseScenario` only, as
 * test/scenario/schema-agreement.test.ts lists.
 * @returns the schema, with `$schema`, `$id`, `title` and `description` first
 * @example
 * writeFileSync('scenarios/scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = withoutResolvedDurations(
    z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
  );
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCENARIO_SCHEMA_ID,
    title: 'dispatchsim scenario',
    description:
      'A dispatchsim scenario: the machine (SMSvcHost config, services, application pools, applications), the workload, the fault plan and the expectations.',
    ...rest,
  };
}

// The schema without the parsed form of durations, which validation takes back from code (a
// loaded scenario copied) and files do not write.
function withoutResolvedDurations<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutResolvedDurations) as T;
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]): [string, unknown] => [
    key,
    key === 'anyOf' && Array.isArray(value)
      ? value.filter(
          (option: unknown) =>
            !(
              typeof option === 'object' &&
              option !== null &&
              'description' in option &&
              option.description === RESOLVED_DURATION
            ),
        )
      : value,
  ]);
  return Object.fromEntries(
    entries.map(([key, value]) => [key, withoutResolvedDurations(value)]),
  ) as T;
}
