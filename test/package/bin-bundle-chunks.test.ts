// The command-line bundle in dist/bin holds only what dispatchsim.js loads (issue 12's bundle):
// chunk names carry a content hash, so a build that kept the previous build's files would
// leave orphan chunks there, and `npm pack` (which ships dist/) would ship them. Reads the
// built output `npm test` makes before vitest runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../../dist/bin');

// The sibling chunks a bundle file imports: its static imports and exports (at the start of a
// line or after a `;`: the bundle is minified) and, unless only the static ones are asked
// for, its awaited import() calls.
function importedChunks(file: string, staticOnly = false): string[] {
  const text = readFileSync(join(bin, file), 'utf8');
  const found = new Set<string>();
  const statics = /(?:^|;)(?:import|export)\b[^;]*?from\s*["']\.\/([^"']+\.js)["']/gm;
  const dynamics = /\bawait import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g;
  const matches = [...text.matchAll(statics), ...(staticOnly ? [] : text.matchAll(dynamics))];
  for (const match of matches) found.add(match[1] as string);
  return [...found];
}

// The chunks these files load with them, themselves included.
function loadedWith(files: readonly string[], staticOnly: boolean): Set<string> {
  const reached = new Set<string>(files);
  const pending = [...files];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const chunk of importedChunks(file, staticOnly)) {
      if (!reached.has(chunk)) {
        reached.add(chunk);
        pending.push(chunk);
      }
    }
  }
  return reached;
}

// The sources a chunk was built from, as its source map names them (a chunk that only
// re-exports another has no map and no source of its own).
const sourcesOf = (file: string): string[] =>
  existsSync(join(bin, `${file}.map`))
    ? (JSON.parse(readFileSync(join(bin, `${file}.map`), 'utf8')) as { sources: string[] }).sources
    : [];

const chunkBuiltFrom = (source: string): string => {
  const chunk = readdirSync(bin).find(
    (name) => name.endsWith('.js') && sourcesOf(name).some((s) => s.endsWith(source)),
  );
  if (chunk === undefined) throw new Error(`no chunk holds ${source}`);
  return chunk;
};

describe('the command-line bundle', () => {
  it('holds no chunk that dispatchsim.js does not load, directly or through another chunk', () => {
    const reached = loadedWith(['dispatchsim.js'], false);
    const present = readdirSync(bin).filter((name) => name.endsWith('.js'));
    expect(present.filter((name) => !reached.has(name))).toEqual([]);
    expect([...reached].filter((name) => !present.includes(name))).toEqual([]);
  });

  it('runs a JSON scenario without loading the yaml library (issue 12, start-up)', () => {
    const fromYaml = (file: string): boolean =>
      sourcesOf(file).some((source) => source.includes('node_modules/yaml/'));
    const run = loadedWith(['dispatchsim.js', chunkBuiltFrom('src/cli/run-command.ts')], true);

    expect([...run].filter(fromYaml)).toEqual([]);
    // yaml is in the bundle, loaded when a scenario is YAML.
    expect([...loadedWith(['dispatchsim.js'], false)].filter(fromYaml)).not.toEqual([]);
  });

  it('runs a scenario from four chunks: each ES module costs Node ~0.5 ms to load (issue 12, start-up)', () => {
    const run = loadedWith(['dispatchsim.js', chunkBuiltFrom('src/cli/run-command.ts')], true);

    // The entry, rolldown's runtime, what every command loads, and what run loads besides
    // (and the re-export its import() names).
    expect([...run]).toHaveLength(4);
  });

  it('loads commander without node:child_process, which it needs only to spawn executable subcommands', () => {
    const entry = readFileSync(join(bin, chunkBuiltFrom('commander/lib/command.js')), 'utf8');
    const commander = readFileSync(
      resolve(import.meta.dirname, '../../node_modules/commander/lib/command.js'),
      'utf8',
    );
    const called = new Set([...commander.matchAll(/\bchildProcess\.(\w+)/g)].map((m) => m[1]));
    const lazy = [...entry.matchAll(/getBuiltinModule\(`node:child_process`\)\.(\w+)/g)];

    // Every mention is a load on first use, and covers every function commander calls.
    expect(entry.split('node:child_process').length - 1).toBe(lazy.length);
    expect(new Set(lazy.map((m) => m[1]))).toEqual(called);
    expect(called.size).toBeGreaterThan(0);
  });

  it('keeps no source map whose chunk is gone', () => {
    const names = readdirSync(bin);
    const maps = names.filter((name) => name.endsWith('.js.map'));
    const withMap = names.filter((name) => name.endsWith('.js') && names.includes(`${name}.map`));
    expect(maps.map((name) => name.slice(0, -'.map'.length)).sort()).toEqual(withMap.sort());
    expect(maps.length).toBeGreaterThan(1);
  });
});
