// The committed JSON Schema of scenario files (scenarios/scenario.schema.json) is generated
// from the zod schema: it must be current, and the bundled scenarios must fit its shape.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { faultKinds } from '../../src/scenario/fault-schema.js';
import { scenarioJsonSchema } from '../../src/scenario/scenario-json-schema.js';

type Schema = Readonly<Record<string, unknown>>;

const scenariosDir = new URL('../../scenarios/', import.meta.url);
const bundled = (await readdir(scenariosDir)).filter((f) => f.endsWith('.yaml')).sort();

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * A small checker for the JSON Schema keywords the generated schema uses (type, const,
 * enum, properties, required, additionalProperties, items, prefixItems, anyOf, oneOf and
 * the numeric, length and pattern bounds). Enough to check shapes; not a full validator.
 */
function check(schema: Schema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const type = schema['type'];
  if (typeof type === 'string') {
    const actual = typeOf(value);
    if (!(actual === type || (type === 'number' && actual === 'integer'))) {
      return [`${path}: expected ${type}, got ${actual}`];
    }
  }
  if ('const' in schema && value !== schema['const']) {
    errors.push(`${path}: expected ${JSON.stringify(schema['const'])}`);
  }
  const allowed = schema['enum'];
  if (Array.isArray(allowed) && !allowed.includes(value)) {
    errors.push(`${path}: expected one of ${JSON.stringify(allowed)}`);
  }
  if (typeof value === 'number') {
    const bound = (key: string, ok: (limit: number) => boolean): void => {
      const limit = schema[key];
      if (typeof limit === 'number' && !ok(limit)) errors.push(`${path}: ${key} ${limit}`);
    };
    bound('minimum', (l) => value >= l);
    bound('maximum', (l) => value <= l);
    bound('exclusiveMinimum', (l) => value > l);
    bound('exclusiveMaximum', (l) => value < l);
  }
  if (typeof value === 'string') {
    const minLength = schema['minLength'];
    const pattern = schema['pattern'];
    if (typeof minLength === 'number' && value.length < minLength)
      errors.push(`${path}: too short`);
    if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value)) {
      errors.push(`${path}: does not match ${pattern}`);
    }
  }
  if (isObject(value)) {
    const properties = isObject(schema['properties']) ? schema['properties'] : {};
    const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
    for (const key of required) if (!(key in value)) errors.push(`${path}: missing ${key}`);
    for (const [key, item] of Object.entries(value)) {
      const sub = properties[key];
      if (isObject(sub)) errors.push(...check(sub, item, `${path}.${key}`));
      else if (schema['additionalProperties'] === false && 'properties' in schema) {
        errors.push(`${path}: unknown key ${key}`);
      }
    }
  }
  if (Array.isArray(value)) {
    const prefix = Array.isArray(schema['prefixItems']) ? (schema['prefixItems'] as Schema[]) : [];
    const items = schema['items'];
    value.forEach((item, i) => {
      const sub = prefix[i] ?? items;
      if (sub === false) errors.push(`${path}[${i}]: no item allowed`);
      else if (isObject(sub)) errors.push(...check(sub, item, `${path}[${i}]`));
    });
    const minItems = schema['minItems'];
    const maxItems = schema['maxItems'];
    if (typeof minItems === 'number' && value.length < minItems) errors.push(`${path}: too few`);
    if (typeof maxItems === 'number' && value.length > maxItems) errors.push(`${path}: too many`);
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = schema[keyword];
    if (!Array.isArray(options)) continue;
    const results = (options as Schema[]).map((option) => check(option, value, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (keyword === 'anyOf' ? passing === 0 : passing !== 1) {
      const closest = [...results].sort((a, b) => a.length - b.length)[0] ?? [];
      errors.push(`${path}: ${passing} of the ${keyword} forms match`, ...closest);
    }
  }
  return errors;
}

const schema = scenarioJsonSchema();
const properties = schema['properties'] as Record<string, Schema>;
const faultForms = ((properties['faults']?.['items'] as Schema)['oneOf'] ?? []) as Schema[];

describe('scenarioJsonSchema', () => {
  it('matches the committed scenarios/scenario.schema.json (regenerate with `npx vitest run -u test/scenario/scenario-json-schema.test.ts`)', async () => {
    const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

    await expect(text).toMatchFileSnapshot('../../scenarios/scenario.schema.json');
  });

  it('names its draft, id and title before the scenario shape', () => {
    expect(Object.keys(schema).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('requires name and apps, and forbids unknown top-level keys', () => {
    expect(schema['required']).toEqual(['name', 'apps']);
    expect(schema['additionalProperties']).toBe(false);
    expect(Object.keys(properties)).toEqual([
      '$schema',
      'name',
      'description',
      'seed',
      'horizonMs',
      'config',
      'services',
      'appPools',
      'apps',
      'workload',
      'faults',
      'expect',
    ]);
  });

  it('offers one fault rule form per fault kind, keyed by a const kind', () => {
    const kinds = faultForms.map((form) => (form['properties'] as Record<string, Schema>)['kind']);

    expect(kinds.map((kind) => kind?.['const'])).toEqual([...faultKinds]);
    expect(faultForms.every((form) => (form['required'] as string[]).includes('kind'))).toBe(true);
  });

  it.for(bundled)('accepts the bundled %s shape-wise', async (file) => {
    const data: unknown = parse(await readFile(new URL(file, scenariosDir), 'utf8'));

    expect(check(schema, data)).toEqual([]);
  });

  it.each([
    {
      problem: 'an unknown fault kind',
      patch: { faults: [{ kind: 'gremlins' }] },
      error: '$.faults[0]: 0 of the oneOf forms match',
    },
    { problem: 'an unknown top-level key', patch: { extra: 1 }, error: '$: unknown key extra' },
    {
      problem: 'a probability of 1.5',
      patch: { faults: [{ kind: 'no-route', probability: 1.5 }] },
      error: '$.faults[0].probability: maximum 1',
    },
    {
      problem: 'a horizon beyond 1e12 ms',
      patch: { horizonMs: 2e12 },
      error: '$.horizonMs: maximum 1000000000000',
    },
    {
      problem: 'a fault window end beyond 1e10 ms',
      patch: { faults: [{ kind: 'no-route', toMs: 1e11 }] },
      error: '$.faults[0].toMs: maximum 10000000000',
    },
    {
      problem: 'a Poisson rate below 1e-6',
      patch: { workload: { arrivals: { poisson: { ratePerSec: 5e-324 } } } },
      error: '$.workload.arrivals.poisson.ratePerSec: minimum 0.000001',
    },
  ])('rejects $problem shape-wise', ({ patch, error }) => {
    const scenario = {
      name: 'shape',
      apps: [{ name: 'a', baseAddress: 'net.tcp://localhost/a/' }],
      ...patch,
    };

    expect(check(schema, scenario)).toContain(error);
  });
});
