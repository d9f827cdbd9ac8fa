// The command-line bundle in dist/bin holds only what dispatchsim.js loads (issue 12's bundle):
// chunk names carry a content hash, so a build that kept the previous build's files would
// leave orphan chunks there, and `npm pack` (which ships dist/) would ship them. Reads the
// built output `npm test` makes before vitest runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../../dist/bin');

// The sibling chunks a bundle file imports: its static imports and exports (at the start of a
// line or after a `;`: the bundle is minified) and its awaited import() calls.
function importedChunks(file: string): string[] {
  const text = readFileSync(join(bin, file), 'utf8');
  const found = new Set<string>();
  const statics = /(?:^|;)(?:import|export)\b[^;]*?from\s*["']\.\/([^"']+\.js)["']/gm;
  const dynamics = /\bawait import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g;
  for (const match of [...text.matchAll(statics), ...text.matchAll(dynamics)]) {
    found.add(match[1] as string);
  }
  return [...found];
}

describe('the command-line bundle', () => {
  it('holds no chunk that dispatchsim.js does not load, directly or through another chunk', () => {
    const reached = new Set<string>(['dispatchsim.js']);
    const pending = ['dispatchsim.js'];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      for (const chunk of importedChunks(file)) {
        if (!reached.has(chunk)) {
          reached.add(chunk);
          pending.push(chunk);
        }
      }
    }
    const present = readdirSync(bin).filter((name) => name.endsWith('.js'));
    expect(present.filter((name) => !reached.has(name))).toEqual([]);
    expect([...reached].filter((name) => !present.includes(name))).toEqual([]);
  });

  it('keeps no source map whose chunk is gone', () => {
    const names = readdirSync(bin);
    const maps = names.filter((name) => name.endsWith('.js.map'));
    const withMap = names.filter((name) => name.endsWith('.js') && names.includes(`${name}.map`));
    expect(maps.map((name) => name.slice(0, -'.map'.length)).sort()).toEqual(withMap.sort());
    expect(maps.length).toBeGreaterThan(1);
  });
});
