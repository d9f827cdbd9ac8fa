// The JSON Schema editors use (scenarios/scenario.schema.json) and validate must agree (issue
// 15): every bundled scenario, every CLI fixture and every malformed text goes through both
// ajv and parseScenario. Where validate rejects a text and the schema accepts it, the case is
// one JSON Schema cannot express, and is listed below with the reason; any other disagreement
// fails.
import { readdir, readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatScenarioIssue } from '../../src/errors/scenario-error.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { scenarioJsonSchema } from '../../src/scenario/scenario-json-schema.js';
import { base, lines, malformedScenarios } from '../helpers/malformed-scenarios.js';

const schemaText = await readFile(
  new URL('../../scenarios/scenario.schema.json', import.meta.url),
  'utf8',
);
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
const validateJson = ajv.compile(JSON.parse(schemaText) as object);

/** What ajv says of a scenario text: its errors, or [] when the schema accepts it. */
function ajvErrors(text: string): string[] {
  if (validateJson(parse(text))) return [];
  return (validateJson.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** What validate says: its errors, or [] when it accepts the text (warnings aside). */
function validateErrors(text: string): string[] {
  const parsed = parseScenario(text, 's.yaml');
  return parsed.ok ? [] : parsed.issues.map(formatScenarioIssue);
}

/**
 * Mistakes validate finds and the JSON Schema cannot state, with the reason. The schema
 * must accept each of them (so that a mistake it learns to catch leaves this list).
 */
const notExpressible: Readonly<Record<string, string>> = {
  'a flow list never closed (named where it opens, not at the end of the file)':
    'a syntax error: the schema checks data, and this text has none',
  'a flow mapping in a flow list, neither closed':
    'a syntax error: the schema checks data, and this text has none',
  'a stray closing bracket (only the line where reading stopped)':
    'a syntax error: the schema checks data, and this text has none',
  'two flow mappings in a row never closed (only what was never closed)':
    'a syntax error: the schema checks data, and this text has none',
  'a double quote never closed (named where it opens, not at the end of the file)':
    'a syntax error: the schema checks data, and this text has none',
  'a single quote never closed': 'a syntax error: the schema checks data, and this text has none',
  'a key indented more than the one above it':
    'a syntax error: the schema checks data, and this text has none',
  'two YAML documents': 'a YAML error: a stream of two documents is no one document to check',
  'a duplicate key': 'a YAML error: a mapping with a key twice is no data for a schema to check',
  'a number with two thousands separators in a flow mapping':
    'a YAML error: a mapping with a key twice is no data for a schema to check',
  'tabs as indentation': 'a syntax error: the schema checks data, and this text has none',
  'an app in a pool appPools does not declare':
    'the allowed names come from another part of the file (appPools[].name)',
  'an app in a pool when appPools declares none':
    'the allowed names come from another part of the file (appPools[].name)',
  'a count that can never be met':
    'comparing two fields (equals against min) needs $data, which is not JSON Schema',
  'an at list shorter than the sessions':
    'comparing a list length with another field (workload.sessions) needs $data',
  'a uniform duration with min > max': 'comparing two items of a list needs $data',
  'duplicate app names': 'uniqueItems compares whole items, not one field of them (apps[].name)',
  'duplicate pool names':
    'uniqueItems compares whole items, not one field of them (appPools[].name)',
  'a fault target naming an unknown app':
    'the allowed names come from another part of the file (apps[].name)',
  'a fault target naming a misspelt app':
    'the allowed names come from another part of the file (apps[].name)',
  'a fault naming an unknown pool':
    'the allowed names come from other parts of the file (appPools[].name, apps[].appPool)',
  'a fault naming DefaultAppPool when every app names its pool':
    'the allowed names come from other parts of the file (appPools[].name, apps[].appPool)',
  'a fault target naming DefaultAppPool when every app is self-hosted':
    'the allowed names come from other parts of the file (apps[].hosting, apps[].appPool)',
  'a window ending before it starts': 'comparing two fields (toMs against fromMs) needs $data',
  'a count bound with min > max': 'comparing two fields (min against max) needs $data',
};

const scenariosDir = new URL('../../scenarios/', import.meta.url);
const fixturesDir = new URL('../cli/fixtures/', import.meta.url);
const yamlIn = async (dir: URL): Promise<string[]> =>
  (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
const files = [
  ...(await yamlIn(scenariosDir)).map((name) => ({ name, url: new URL(name, scenariosDir) })),
  ...(await yamlIn(fixturesDir)).map((name) => ({
    name: `test/cli/fixtures/${name}`,
    url: new URL(name, fixturesDir),
  })),
];

const expressible = malformedScenarios.filter(({ field }) => !(field in notExpressible));
const inexpressible = malformedScenarios.filter(({ field }) => field in notExpressible);

/** Texts that are valid or not in ways only the schema's enums and patterns can follow. */
const edgeCases: readonly { readonly text: string; readonly valid: boolean }[] = [
  {
    text: `{ "$schema": "./scenario.schema.json", ${JSON.stringify({ name: 'j', apps: [{ name: 'a', baseAddress: 'net.tcp://h/a/' }] }).slice(1)}`,
    valid: true,
  },
  ...[
    ['DispatchSessionFailed', true],
    ['dispatchsessionfailed', true],
    ['" 4031 "', true],
    ['"04031"', true],
    ['4031', true],
    ['4999', false],
    ['"4999"', false],
    ['DispatchSessionFailure', false],
    ['0', false],
    ['"-4031"', false],
    ['4031.5', false],
  ].map(([ref, valid]) => ({
    text: `${base}expect:\n  - { event: ${String(ref)}, count: 1 }\n`,
    valid: valid === true,
  })),
  ...[
    ['BindingError', true],
    ['bindingerror', true],
    ['3', true],
    ['"3"', false],
    ['11', false],
    ['Nope', false],
  ].map(([ref, valid]) => ({
    text: `${base}expect:\n  - { eventLog: ${String(ref)}, count: 1 }\n`,
    valid: valid === true,
  })),
  ...[
    ['gaveUp', true],
    ['gave-up', true],
    ['gave_up', false],
  ].map(([kind, valid]) => ({
    text: `${base}expect:\n  - { requests: ${String(kind)}, count: 0 }\n`,
    valid: valid === true,
  })),
  ...[
    ['net.tcp://localhost/orders/', true],
    ['NET.TCP://LocalHost:8080/Orders', true],
    ['net.tcp://localhost:65535', true],
    ['net.tcp://localhost:0808/', true],
    ['net.pipe://localhost/orders/', true],
    ['net.tcp://+/orders/', true],
    ['net.tcp://[::1]:8080/orders/', true],
    ['net.tcp://[::1]/orders/', true],
    ['net.tcp://[::1/orders/', false],
    ['net.tcp://::1/orders/', false],
    ['net.tcp://localhost:0/', false],
    ['net.tcp://localhost:65536/', false],
    ['net.tcp://localhost:/', false],
    ['net.pipe://localhost:808/', false],
    ['net.tcp://localhost/orders?x=1', false],
    ['net.tcp:///orders/', false],
    ['https://localhost/orders/', false],
    ['net.msmq://localhost/orders/', false],
  ].map(([address, valid]) => ({
    text: base.replace('net.tcp://localhost/orders/', String(address)),
    valid: valid === true,
  })),
  {
    text: `${base}workload:\n  vias: [{ via: 'http://localhost/orders/service.svc' }]\n`,
    valid: false,
  },
  {
    text: base.replace(
      '    baseAddress',
      '    hosting: was\n    appPool: DefaultAppPool\n    baseAddress',
    ),
    valid: true,
  },
  { text: `${base}expect:\n  - { event: 4031, count: { max: 0 } }\n`, valid: true },
  {
    text: lines(
      'name: demo',
      'apps:',
      '  - { name: orders, hosting: self, baseAddress: net.tcp://localhost/orders/ }',
    ),
    valid: true,
  },
];

describe('the JSON Schema and validate', () => {
  it.for(files)('both accept $name', async ({ url }) => {
    const text = await readFile(url, 'utf8');
    const verdict = validateErrors(text).length === 0;

    expect(ajvErrors(text).length === 0).toBe(verdict);
  });

  it('read the CLI fixture invalid.yaml as invalid, both of them', async () => {
    const text = await readFile(new URL('invalid.yaml', fixturesDir), 'utf8');

    expect(validateErrors(text)).not.toEqual([]);
    expect(ajvErrors(text)).not.toEqual([]);
  });

  it.for(expressible)('both reject $field', ({ text }) => {
    expect(validateErrors(text)).not.toEqual([]);
    expect(ajvErrors(text)).not.toEqual([]);
  });

  it.for(inexpressible)(
    'validate rejects $field, which the schema cannot express',
    ({ field, text }) => {
      expect(validateErrors(text)).not.toEqual([]);
      // The YAML syntax errors have no data for ajv to check at all.
      let accepted: boolean;
      try {
        accepted = ajvErrors(text).length === 0;
      } catch {
        accepted = true;
      }
      expect(accepted, notExpressible[field]).toBe(true);
    },
  );

  it.for(edgeCases)('agree on %#', ({ text, valid }) => {
    expect({
      validate: validateErrors(text).length === 0,
      ajv: ajvErrors(text).length === 0,
    }).toEqual({ validate: valid, ajv: valid });
  });

  it('lists only cases the malformed table holds as not expressible', () => {
    const fields = new Set(malformedScenarios.map((row) => row.field));

    expect(Object.keys(notExpressible).filter((field) => !fields.has(field))).toEqual([]);
  });

  it('reads the committed schema that scenarioJsonSchema generates', () => {
    expect(JSON.parse(schemaText)).toEqual(scenarioJsonSchema());
  });
});
