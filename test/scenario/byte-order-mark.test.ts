// A scenario file saved with a UTF-8 byte-order mark (Notepad, PowerShell 5's
// `Set-Content -Encoding UTF8`) reads as the same file without it, in JSON as in YAML: JSON
// had refused it with `expected valid JSON (got Unexpected token '')`, the mark printed
// invisibly (user report).
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/cli/read-scenario-file.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';

const BOM = '\uFEFF';
const json = '{"name":"j","apps":[{"name":"o","baseAddress":"net.tcp://localhost/o/"}]}';
const yaml = 'name: j\napps:\n  - { name: o, baseAddress: "net.tcp://localhost/o/" }\n';

describe('a scenario file that starts with a byte-order mark', () => {
  it.each([
    ['JSON', json, 'bom.json'],
    ['YAML', yaml, 'bom.yaml'],
  ])('parses as the same %s without it (parseScenario)', (_kind, text, file) => {
    const withMark = parseScenario(BOM + text, file);

    expect(withMark).toEqual(parseScenario(text, file));
    expect(withMark.ok).toBe(true);
  });

  it.each([
    ['JSON', json, 'bom.json'],
    ['YAML', yaml, 'bom.yaml'],
  ])('parses as the same %s without it (a file the CLI reads)', async (_kind, text, file) => {
    const withMark = await parseScenarioText(BOM + text, file);

    expect(withMark).toEqual(await parseScenarioText(text, file));
    expect(withMark.ok).toBe(true);
  });

  it('keeps the line of an issue after the mark', () => {
    const result = parseScenario(`${BOM}{\n"name": "j",\n"apps": [],\n"oops": 1\n}`, 'bom.json');

    expect(result.ok ? [] : result.issues.map((issue) => [issue.path, issue.line])).toContainEqual([
      'oops',
      4,
    ]);
  });
});
