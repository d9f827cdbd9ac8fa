// The README and docs/ work when followed literally (issue 15): every scenario-shaped YAML
// block (one with `apps:`) is a valid scenario, and every `dispatchsim ...` command they show
// (in sh blocks, and in prose when it names no placeholder) runs with the built CLI from a
// temporary folder outside the repository, in document order, with the exit code the document
// shows: 1 where the output shown after it says FAIL or counts failed cases, else 0.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatScenarioIssue } from '../../src/errors/scenario-error.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist', 'cli', 'main.js');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Block {
  readonly lang: string;
  readonly text: string;
  readonly line: number;
}

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const match of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const line = markdown.slice(0, match.index).split('\n').length;
    blocks.push({ lang: match[1] ?? '', text: match[2] ?? '', line });
  }
  return blocks;
}

interface Command {
  readonly args: readonly string[];
  readonly text: string;
  readonly line: number;
  readonly exitCode: number;
}

// The arguments of a shell line `[npx] dispatchsim a b 'c d'` (quotes, no other shell syntax).
function argsOf(line: string): string[] | undefined {
  const match = /^(?:npx )?dispatchsim (.+)$/.exec(line.trim());
  if (match === null) return undefined;
  return [...(match[1] ?? '').matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

// A command in prose that names a placeholder (`<id>`, `file.yaml`, `...`) shows a form, not a
// command to run.
const isPlaceholder = (text: string): boolean => /<|…|\.\.\.|\bfile\.yaml\b/.test(text);

function commandsOf(markdown: string): Command[] {
  const commands: Command[] = [];
  const blocks = blocksOf(markdown);
  blocks.forEach((block, index) => {
    if (block.lang !== 'sh') return;
    const lines = block.text.replace(/\\\n\s*/g, '').split('\n');
    const shown = lines.filter((line) => argsOf(line) !== undefined);
    // The output shown right after a one-command block says how it ends.
    const next = blocks[index + 1];
    const output = shown.length === 1 && next?.lang === 'text' ? next.text : '';
    const fails = /^FAIL\b/m.test(output) || /\b[1-9]\d* failed\b/.test(output);
    for (const line of shown) {
      commands.push({
        args: argsOf(line) ?? [],
        text: line.trim(),
        line: block.line,
        exitCode: fails ? 1 : 0,
      });
    }
  });
  // Prose outside code blocks: `dispatchsim run x --seed 1`.
  const prose = markdown.replace(/^```\w*\n[\s\S]*?^```$/gm, '');
  for (const match of prose.matchAll(/`((?:npx )?dispatchsim [^`]+)`/g)) {
    const text = match[1] ?? '';
    const args = argsOf(text) ?? [];
    // A command named alone (`dispatchsim swarm`) is a reference to it, unless it needs no
    // argument.
    // Output quoted in prose (`dispatchsim serve: listening on …`) is not a command either.
    if (!/^[a-z][a-z-]*$/.test(args[0] ?? '')) continue;
    if (isPlaceholder(text) || (args.length < 2 && !['list', 'events'].includes(args[0] ?? '')))
      continue;
    const line = markdown.indexOf(text);
    commands.push({
      args,
      text,
      line: markdown.slice(0, line).split('\n').length,
      exitCode: 0,
    });
  }
  return commands;
}

/**
 * Files a reader makes by hand between two commands, as the document tells them to. A YAML
 * block whose first line is `# name.yaml` is saved under that name before the commands run.
 */
const handMade: Readonly<Record<string, (cwd: string, markdown: string) => Promise<void>>> = {
  // find-the-fault-plan…: "Put the same policy into the shrunk file, save it among your tests".
  'test/regressions/orders-f2-twice.yaml': async (cwd, markdown) => {
    const fix = blocksOf(markdown).find(
      (b) => b.lang === 'yaml' && b.text.startsWith('client: { retry'),
    );
    const shrunk = parse(await readFile(join(cwd, 'swarm-failures/orders-1.yaml'), 'utf8')) as {
      workload: Record<string, unknown>;
    };
    shrunk.workload['client'] = (parse(fix?.text ?? '') as { client: unknown }).client;
    await mkdir(join(cwd, 'test/regressions'), { recursive: true });
    await writeFile(join(cwd, 'test/regressions/orders-f2-twice.yaml'), stringify(shrunk));
  },
};

// The comment lines a YAML text opens with.
function leadingComments(text: string): string[] {
  const lines = text.split('\n');
  const end = lines.findIndex((line) => !line.startsWith('#'));
  return lines.slice(0, end === -1 ? lines.length : end);
}

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

const scenarioBlocks = documents.flatMap((file) =>
  blocksOf(readFileSync(join(root, file), 'utf8'))
    .filter((block) => block.lang === 'yaml' && /^apps:/m.test(block.text))
    .map((block) => ({ where: `${file}:${block.line}`, text: block.text })),
);

describe('the docs, followed literally', () => {
  it('show scenario blocks (README and the how-tos)', () => {
    expect(scenarioBlocks.map((b) => b.where.split(':')[0])).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/find-the-fault-plan-that-breaks-your-retry-policy.md',
      ]),
    );
  });

  it.for(scenarioBlocks)('$where is a valid scenario', ({ where, text }) => {
    const parsed = parseScenario(text, where);

    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([]);
    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : []).toEqual([]);
  });

  it.for(documents.filter((file) => commandsOf(readFileSync(join(root, file), 'utf8')).length > 0))(
    'runs every dispatchsim command of %s from a folder outside the repository',
    { timeout: 120_000 },
    async (file) => {
      expect(existsSync(cli), 'the built CLI (npm run build)').toBe(true);
      const markdown = readFileSync(join(root, file), 'utf8');
      const cwd = await mkdtemp(join(tmpdir(), 'dispatchsim-docs-'));
      try {
        for (const block of blocksOf(markdown)) {
          const name = /^# ([\w./-]+\.ya?ml)\n/.exec(block.text)?.[1];
          if (block.lang === 'yaml' && name !== undefined && /^apps:/m.test(block.text)) {
            await mkdir(dirname(join(cwd, name)), { recursive: true });
            await writeFile(join(cwd, name), block.text);
          }
        }
        const ran: {
          command: string;
          line: number;
          code: number;
          expected: number;
          stderr: string;
        }[] = [];
        // `serve` listens until stopped: a how-to shows it, the serve tests run it.
        for (const command of commandsOf(markdown).filter(({ args }) => args[0] !== 'serve')) {
          const target = command.args.find((arg) => arg in handMade);
          if (target !== undefined && !existsSync(join(cwd, target))) {
            await handMade[target]?.(cwd, markdown);
          }
          const result = await runCli(command.args, cwd);
          ran.push({
            command: command.text,
            line: command.line,
            code: result.code,
            expected: command.exitCode,
            stderr: result.code === command.exitCode ? '' : result.stderr,
          });
        }
        expect(ran.filter((r) => r.code !== r.expected)).toEqual([]);
        expect(ran.length).toBeGreaterThan(0);
        // A file a command wrote, shown with its header (a shrunk scenario): the header is
        // the one the command really wrote (its figures, e.g. "8 shrink steps in 24 runs").
        for (const block of blocksOf(markdown)) {
          const shown = leadingComments(block.text);
          const target = shown
            .map((line) => /^# Replay: dispatchsim run (\S+)$/.exec(line)?.[1])
            .find((name) => name !== undefined);
          if (block.lang !== 'yaml' || target === undefined) continue;
          const written = leadingComments(await readFile(join(cwd, target), 'utf8'));
          expect(shown, `the header of ${target} shown at ${file}:${block.line}`).toEqual(written);
        }
      } finally {
        await rm(cwd, { recursive: true, force: true });
      }
    },
  );
});
