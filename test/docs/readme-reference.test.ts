// The README's reference tables agree with the code they describe: a fault kind, a field or
// an event that the code has and the README leaves out (or marks wrongly) fails here, so the
// reference cannot drift from the schema and the catalogue (user report: fault fields found
// only in the schema or the bundled YAML).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { eventCatalog, unsimulatedEventIds } from '../../src/events/event-catalog.js';
import { faultKinds, faultRuleSchema } from '../../src/scenario/fault-schema.js';
import { scenarioSchema } from '../../src/scenario/scenario-schema.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The rows of the nth table (0-based) after a heading, as cells without their padding. */
function tableAfter(heading: string, nth = 0): string[][] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading} in the README`);
  const lines = readme.slice(start).split('\n');
  let first = -1;
  for (let table = 0; table <= nth; table++) {
    first = lines.findIndex((line, i) => i > first && line.startsWith('|'));
    if (table < nth) while (lines[first + 1]?.startsWith('|') === true) first++;
  }
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('README event reference', () => {
  it('marks "sim: no" exactly the events the simulator never emits', () => {
    const rows = tableAfter('## Event reference');

    expect(rows.map((row) => [Number(row[0]), row.at(-1)])).toEqual(
      eventCatalog.map((event) => [event.id, unsimulatedEventIds.has(event.id) ? 'no' : 'yes']),
    );
  });
});

type Def = {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly element?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
};

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def;

/** Past optional, default, prefault, nullable and pipes (their input). */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (next === undefined) return current;
    current = next;
  }
}

/** Every field path of a schema's objects and lists (`apps[].name`), not inside a union. */
function fieldPaths(schema: z.core.$ZodType, prefix = ''): string[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'array' && def.element !== undefined) {
    return fieldPaths(def.element, `${prefix}[]`);
  }
  if (def.type !== 'object') return [];
  return Object.entries(def.shape ?? {}).flatMap(([key, field]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...fieldPaths(field, path)];
  });
}

/** The fields of each fault kind, `kind` left out. */
const faultFields = new Map(
  faultRuleSchema.options.map((option) => [
    option.shape.kind.value,
    Object.keys(option.shape).filter((field) => field !== 'kind'),
  ]),
);

const code = (cell: string | undefined): string => (cell ?? '').replace(/`/g, '');

describe('README scenario reference', () => {
  it('has a row for every field of the schema outside faults and expectations, and no other', () => {
    const documented = tableAfter('### Scenario fields').map((row) => code(row[0]));

    const paths = fieldPaths(scenarioSchema).filter((path) => !/^(faults|expect)[.[]/.test(path));
    expect(documented).toEqual(paths);
  });

  it('lists the fields the rules decided at a step of the pipeline share', () => {
    const shared = tableAfter('### Fault rules', 0).map((row) => code(row[0]));

    expect(shared).toEqual(
      (faultFields.get('preamble-timeout') ?? []).filter((field) => field !== 'id'),
    );
    expect(readme).toContain('every kind takes `id`');
    expect([...faultFields].filter(([, fields]) => !fields.includes('id'))).toEqual([]);
  });

  it('has a row for every fault kind, naming each of its fields', () => {
    const rows = tableAfter('### Fault rules', 1);
    const shared = new Set(tableAfter('### Fault rules', 0).map((row) => code(row[0])));

    // The README groups them (per step of the pipeline, then at a time): compared as sets.
    expect(rows.map((row) => code(row[0])).sort()).toEqual([...faultKinds].sort());
    const missing = rows.flatMap(([kind = '', fields = '']) =>
      (faultFields.get(code(kind) as never) ?? [])
        .filter((field) => field !== 'id')
        .filter(
          (field) =>
            !fields.includes(`\`${field}\``) &&
            !(fields.startsWith('the fields above') && shared.has(field)),
        )
        .map((field) => `${code(kind)}.${field}`),
    );
    expect(missing).toEqual([]);
  });
});
