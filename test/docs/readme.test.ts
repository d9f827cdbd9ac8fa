// The README stays true: its library example prints what the README says it prints, and
// every relative link and table-of-contents anchor in the README and docs/ resolves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/sim/simulation.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (match[1] ?? '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} -]/gu, '')
      .replace(/ /g, '-');
    anchors.add(slug);
  }
  return anchors;
}

describe('README', () => {
  it('prints what its library example says it prints', async () => {
    const printed: string[] = [];
    const sim = createSimulation(
      {
        name: 'readme-example',
        apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', workers: 2 }],
        workload: { sessions: 1000, arrivals: { poisson: { ratePerSec: 200 } } },
        faults: [{ kind: 'duplicate-handle-failure', probability: 0.01 }],
      },
      { seed: 42 },
    );
    sim.events.on('DispatchSessionFailed', (e) =>
      printed.push(format(e.atMs, e.activityId, e.annotations.path, e.annotations.reason)),
    );
    const result = await sim.run();
    // util.format is what console.log prints.
    printed.push(
      format(
        Object.entries(result.outcomes).filter(([, n]) => n > 0),
        result.balanced,
      ),
    );

    const block = /\nprints\n\n```text\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(printed.join('\n')).toBe(block);
  });

  // Text files only: docs/ also holds the README's screenshot (html-report.png).
  const texts = readdirSync(join(root, 'docs')).filter((f) => !f.endsWith('.png'));
  it.each(['README.md', ...texts.map((f) => `docs/${f}`)])(
    '%s links only to files and anchors that exist',
    (file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const broken: string[] = [];
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] ?? '';
        if (/^[a-z]+:/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const targetFile =
          path === '' ? join(root, file) : resolve(dirname(join(root, file)), path);
        if (!existsSync(targetFile)) {
          broken.push(target);
          continue;
        }
        if (anchor !== undefined && targetFile.endsWith('.md')) {
          if (!anchorsOf(readFileSync(targetFile, 'utf8')).has(anchor)) broken.push(target);
        }
      }
      expect(broken).toEqual([]);
    },
  );
});
