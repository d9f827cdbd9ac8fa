// parseJsonScenario, the command line's way through a valid JSON scenario without the yaml
// library (issue 12, start-up): when it answers, its answer is parseScenario's for the same
// text; it leaves to parseScenario every text whose reading could differ (a key written
// twice, `__proto__`) and every text with something to report (which needs its line).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledScenariosDir } from '../../src/io/bundled-scenarios.js';
import {
  hasKeyJsonReadsDifferently,
  parseJsonScenario,
} from '../../src/scenario/parse-json-scenario.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';

const dir = bundledScenariosDir();
const bundledInputs = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => {
    const parsed = parseScenario(readFileSync(join(dir, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file} does not validate`);
    return { file, input: parsed.input };
  });

const minimal = {
  name: 'json-case',
  apps: [{ name: 'a', baseAddress: 'net.tcp://localhost/a/' }],
  workload: { sessions: 1 },
};
const minimalText = JSON.stringify(minimal);

describe('parseJsonScenario', () => {
  it.each(
    bundledInputs.flatMap(({ file, input }) =>
      [
        ['compact', JSON.stringify(input)],
        ['indented', JSON.stringify(input, null, 2)],
        ['tab-indented', JSON.stringify(input, null, '\t')],
        ['CRLF', JSON.stringify(input, null, 2).replace(/\n/g, '\r\n')],
      ].map(([layout, text]) => ({ name: `${file} (${layout})`, text: text as string })),
    ),
  )('answers for $name as parseScenario does', ({ name, text }) => {
    const expected = parseScenario(text, name);
    const answer = parseJsonScenario(text, name);

    // It answers exactly when there is nothing to report.
    const quiet = expected.ok && expected.warnings.length === 0;
    expect(answer === undefined).toBe(!quiet);
    if (answer !== undefined) expect(answer).toStrictEqual(expected);
  });

  it('answers for most bundled scenarios (they validate without warnings)', () => {
    const answered = bundledInputs.filter(
      ({ file, input }) => parseJsonScenario(JSON.stringify(input), file) !== undefined,
    );

    expect(answered.length).toBeGreaterThan(bundledInputs.length / 2);
  });

  it.each([
    { case: 'escapes in strings', text: minimalText.replace('"json-case"', '"j\\u0073on-case"') },
    {
      case: 'a description with escapes, a line separator and an astral character',
      text: JSON.stringify({ ...minimal, description: 'x\ty\n\u2028 "q" \\ / \ud83d\ude00' }),
    },
    { case: 'an exponent', text: minimalText.replace('"sessions":1', '"sessions":1.0e0') },
    {
      case: 'a 5,000-character description',
      text: JSON.stringify({ ...minimal, description: 'x'.repeat(5000) }),
    },
  ])('reads $case as parseScenario does', ({ text }) => {
    const answer = parseJsonScenario(text, 's.json');

    expect(answer?.ok).toBe(true);
    expect(answer).toStrictEqual(parseScenario(text, 's.json'));
  });

  it.each([
    { case: 'a key written twice', text: minimalText.replace('{"name"', '{"name":"x","name"') },
    {
      case: 'a key written twice, once escaped',
      text: minimalText.replace('{"name"', '{"n\\u0061me":"x","name"'),
    },
    { case: 'a __proto__ key', text: minimalText.replace('{"name"', '{"__proto__":{},"name"') },
  ])('leaves $case to parseScenario, which reports it', ({ text }) => {
    expect(parseJsonScenario(text, 's.json')).toBeUndefined();
    expect(parseScenario(text, 's.json').ok).toBe(false);
  });

  it.each([
    { case: 'YAML', text: 'name: y\napps: [{ name: a, baseAddress: "net.tcp://localhost/a/" }]\n' },
    { case: 'JSON that is not an object', text: '[1, 2]' },
    { case: 'text that is not JSON', text: '{ name: y }' },
    { case: 'a byte order mark', text: `\uFEFF${minimalText}` },
    { case: 'an invalid field', text: minimalText.replace('"sessions":1', '"sessions":0') },
    { case: 'an unknown field', text: minimalText.replace('{"name"', '{"nmae":"x","name"') },
  ])('leaves $case to parseScenario', ({ text }) => {
    expect(parseJsonScenario(text, 's.json')).toBeUndefined();
  });

  it('leaves a scenario with a warning to parseScenario, which locates it', () => {
    const text = JSON.stringify(
      { ...minimal, expect: [{ requests: 'gave-up', count: 0 }] },
      null,
      2,
    );

    expect(parseJsonScenario(text, 's.json')).toBeUndefined();
    const parsed = parseScenario(text, 's.json');
    expect(parsed.ok && parsed.warnings.map((warning) => warning.line)).toEqual([14]);
  });
});

// JSON objects written entry by entry, so a key may repeat; each knows whether one does.
type Written = { readonly text: string; readonly repeats: boolean };
const key = fc.constantFrom('a', 'b', '\\u0061', 'a\\"b', 'a\\\\', '{', ',');
const decoded = (written: string): string => JSON.parse(`"${written}"`) as string;
const { value } = fc.letrec<{ value: Written; object: Written; array: Written }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Written>(
      { text: '1', repeats: false },
      { text: '"a"', repeats: false },
      { text: '"{\\"a\\":1,"', repeats: false },
      { text: 'null', repeats: false },
    ),
    tie('object'),
    tie('array'),
  ),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((entries) => {
    const names = entries.map(([name]) => decoded(name));
    return {
      text: `{${entries.map(([name, v]) => `"${name}" : ${v.text}`).join(',')}}`,
      repeats: new Set(names).size < names.length || entries.some(([, v]) => v.repeats),
    };
  }),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => ({
    text: ` [ ${items.map((item) => item.text).join(' , ')} ]`,
    repeats: items.some((item) => item.repeats),
  })),
}));

describe('hasKeyJsonReadsDifferently', () => {
  it('finds a key written twice in one object, at any depth, and only then', () => {
    fc.assert(
      fc.property(value, ({ text, repeats }) => {
        JSON.parse(text); // the generator writes valid JSON
        expect(hasKeyJsonReadsDifferently(text)).toBe(repeats);
      }),
    );
  });

  it('tells the same key in two objects from a key written twice', () => {
    expect(hasKeyJsonReadsDifferently('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBe(false);
    expect(hasKeyJsonReadsDifferently('{"a":{"a":1,"b":2,"a":3}}')).toBe(true);
  });
});
