// Properties of scenario parsing under random mutations of the bundled scenarios (issue 5):
// keys deleted, values replaced by random JSON, unknown keys added, types changed. Whatever
// the text, parseScenario never throws and returns a scenario or well-formed issues; a
// scenario it accepts either runs (and the books balance) or fails with a DispatchsimError.
import { readdir, readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { isDispatchsimError } from '../../src/errors/dispatchsim-error.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { createSimulation } from '../../src/sim/simulation.js';

const SEED = 20261127;

const scenariosDir = new URL('../../scenarios/', import.meta.url);
const files = (await readdir(scenariosDir)).filter((f) => f.endsWith('.yaml')).sort();
const originals: readonly unknown[] = await Promise.all(
  files.map(async (f) => parse(await readFile(new URL(f, scenariosDir), 'utf8')) as unknown),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Values stay small so that an accepted scenario runs quickly (a web garden of 2^31 workers
// or a sub-nanosecond idle timeout is valid but not what this property is about).
const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: -10, max: 1000 }),
  fc.constantFrom(0.5, 1.5, -0.1, 0),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('net.tcp://localhost/orders/', 'net.pipe://localhost/x/', 'was', 'self'),
  fc.boolean(),
  fc.constant(null),
);
const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  { depthSize: 'small' },
  leaf,
  fc.array(leaf, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 3 }),
);

interface Mutation {
  /** Choices that pick the node to mutate, one per level. */
  readonly steps: readonly number[];
  readonly op: 'delete' | 'replace' | 'add-key' | 'change-type';
  readonly value: Json;
  readonly key: string;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  steps: fc.array(fc.nat(), { maxLength: 6 }),
  op: fc.constantFrom('delete', 'replace', 'add-key', 'change-type'),
  value: jsonValue,
  key: fc.string({ minLength: 1, maxLength: 10 }),
});

interface MutationCase {
  /** Index of the bundled scenario to mutate. */
  readonly scenario: number;
  readonly mutations: readonly Mutation[];
}

const caseArb: fc.Arbitrary<MutationCase> = fc.record({
  scenario: fc.nat({ max: files.length - 1 }),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
});

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  typeof value === 'object' && value !== null;

function changeType(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.length;
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (isContainer(value)) return Object.values(value);
  return {};
}

function mutate(root: unknown, m: Mutation): unknown {
  const copy = structuredClone(root);
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  let node: unknown = copy;
  for (const step of m.steps) {
    if (!isContainer(node)) break;
    const keys: (string | number)[] = Array.isArray(node)
      ? node.map((_, i) => i)
      : Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    key = keys[step % keys.length];
    node = (node as Record<string | number, unknown>)[key as string | number];
  }
  if (m.op === 'add-key') {
    if (isContainer(node) && !Array.isArray(node)) node[m.key] = m.value;
    else if (Array.isArray(node)) node.push(m.value);
    return copy;
  }
  if (parent === undefined || key === undefined) return m.op === 'replace' ? m.value : copy;
  const container = parent as Record<string | number, unknown>;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete container[key];
  } else {
    container[key] = m.op === 'replace' ? m.value : changeType(container[key]);
  }
  return copy;
}

function mutatedText({ scenario, mutations }: MutationCase): string {
  const mutated = mutations.reduce<unknown>((tree, m) => mutate(tree, m), originals[scenario]);
  return stringify(mutated);
}

describe(`scenario mutation (fast-check seed ${SEED})`, () => {
  it('never throws from parseScenario, and every issue names its file, path, expectation and value', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const parsed = parseScenario(mutatedText(input), 'mutated.yaml');
        const issues = parsed.ok ? parsed.warnings : parsed.issues;

        expect(parsed.ok || issues.length > 0).toBe(true);
        for (const issue of issues) {
          expect(issue.file).toBe('mutated.yaml');
          expect(typeof issue.path).toBe('string');
          expect(issue.expected).toMatch(/\S/);
          expect(issue.received).toMatch(/\S/);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('runs every accepted mutant with balanced books, or fails with a DispatchsimError', async () => {
    let ran = 0;

    await fc.assert(
      fc.asyncProperty(caseArb, async (input) => {
        const parsed = parseScenario(mutatedText(input), 'mutated.yaml');
        if (!parsed.ok) return;
        try {
          const result = await createSimulation(parsed.scenario, { sessions: 20 }).run();
          ran++;
          expect(result.balanced).toBe(true);
        } catch (error: unknown) {
          expect(isDispatchsimError(error), String(error)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );

    expect(ran).toBeGreaterThan(0);
  });
});
