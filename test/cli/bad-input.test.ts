// Bad input on the command line (issue 6; STYLE rule 25): every path prints one line per
// problem on stderr, nothing on stdout, no stack trace, and exits with 2. An internal error
// exits with 70.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { createFakeIo, fixture, repoRoot } from '../helpers/fake-cli-io.js';

const healthy = fixture('healthy-baseline');

interface Row {
  readonly case: string;
  readonly argv: readonly string[];
  /** Each expected stderr line, in order. */
  readonly lines: readonly (string | RegExp)[];
  /** Files read from memory, by path from the repository root. */
  readonly files?: Readonly<Record<string, string>>;
}

/** A valid scenario the rows with files append to (4 lines). */
const base = [
  'name: demo',
  'apps:',
  '  - name: orders',
  '    baseAddress: net.tcp://localhost/orders/',
].join('\n');

const rows: readonly Row[] = [
  {
    case: 'no arguments',
    argv: [],
    lines: [/^dispatchsim: no command given; try `dispatchsim run /],
  },
  {
    case: 'an unknown command',
    argv: ['frobnicate'],
    lines: ["dispatchsim: unknown command 'frobnicate' (see dispatchsim --help)"],
  },
  {
    // The user report: the whole help went out, then `(outputHelp)`.
    case: 'help for an unknown command',
    argv: ['help', 'nosuch'],
    lines: ["dispatchsim: unknown command 'nosuch' (see dispatchsim --help)"],
  },
  {
    case: 'help for a misspelt command',
    argv: ['help', 'rnu'],
    lines: ["dispatchsim: unknown command 'rnu' (Did you mean run?) (see dispatchsim --help)"],
  },
  {
    case: 'an unknown option',
    argv: ['run', healthy, '--sed', '3'],
    lines: [
      "dispatchsim: run has no option '--sed'; did you mean --seed? (see dispatchsim run --help)",
    ],
  },
  {
    // A search output asked for is named as one (user report: a readable scenario file).
    case: 'a missing search output to shrink a case of',
    argv: ['shrink', 'nope.ndjson', '--case', '2'],
    lines: [
      'nope.ndjson: expected a readable sweep or swarm output (--format ndjson) (got no such file)',
    ],
  },
  {
    case: 'a missing .ndjson file to shrink',
    argv: ['shrink', 'nope.ndjson'],
    lines: [
      'nope.ndjson: expected a readable sweep or swarm output (--format ndjson) (got no such file)',
    ],
  },
  {
    // The user report: commander offered --version, the program's, and far from --sessions.
    case: "another command's option",
    argv: ['shrink', healthy, '--sessions', '200'],
    lines: [
      "dispatchsim: shrink has no option '--sessions' (run, sweep and swarm have it) (see dispatchsim shrink --help)",
    ],
  },
  {
    case: "another command's option, written with its value",
    argv: ['sweep', healthy, '--seeds', '1..2', '--level=Error'],
    lines: [
      "dispatchsim: sweep has no option '--level' (run and serve have it) (see dispatchsim sweep --help)",
    ],
  },
  {
    case: 'an option of several other commands',
    argv: ['validate', healthy, '--seed', '3'],
    lines: [
      "dispatchsim: validate has no option '--seed' (run, swarm, shrink and serve have it) (see dispatchsim validate --help)",
    ],
  },
  {
    case: "a slip that is also another command's option",
    argv: ['swarm', healthy, '--runs', '2', '--seeds', '1..3'],
    lines: [
      "dispatchsim: swarm has no option '--seeds'; did you mean --seed? (sweep has --seeds) (see dispatchsim swarm --help)",
    ],
  },
  {
    case: 'an option before the command',
    argv: ['--seed', '3', 'run', healthy],
    lines: [
      "dispatchsim: unknown option '--seed' (run, swarm, shrink and serve have it: put it after the command) (see dispatchsim --help)",
    ],
  },
  {
    // The user report: the slip was reported as the missing --seeds, not as itself.
    case: 'a slip for the required option',
    argv: ['sweep', healthy, '--seed', '1..4'],
    lines: [
      "dispatchsim: sweep has no option '--seed'; did you mean --seeds? (run, swarm, shrink and serve have --seed) (see dispatchsim sweep --help)",
      "dispatchsim: required option '--seeds <A..B>' not specified (see dispatchsim sweep --help)",
    ],
  },
  {
    case: 'a slip for the required option of swarm',
    argv: ['swarm', 'x.yaml', '--run', '10'],
    lines: [
      "dispatchsim: swarm has no option '--run'; did you mean --runs? (see dispatchsim swarm --help)",
      "dispatchsim: required option '--runs <n>' not specified (see dispatchsim swarm --help)",
    ],
  },
  {
    // After `--`, `-odd.yaml` is a file: only --seeds is missing.
    case: 'a required option missing, and a file that starts with a dash',
    argv: ['sweep', '--', '-odd.yaml'],
    lines: [
      "dispatchsim: required option '--seeds <A..B>' not specified (see dispatchsim sweep --help)",
    ],
  },
  {
    case: 'an option no command has',
    argv: ['list', '--frobnicate'],
    lines: ["dispatchsim: list has no option '--frobnicate' (see dispatchsim list --help)"],
  },
  {
    // The user report: the program's help, not run's, which says what the scenario is.
    case: 'run without a scenario',
    argv: ['run'],
    lines: ["dispatchsim: missing required argument 'scenario' (see dispatchsim run --help)"],
  },
  {
    // It wrote NDJSON into trace.xml without a word (user report).
    case: 'a serve --trace named for another format',
    argv: ['serve', healthy, '--trace', 'trace.xml'],
    lines: [
      "dispatchsim: --trace: serve writes an NDJSON trace: name it .ndjson or .jsonl, got 'trace.xml' (.xml names the evtx-xml format of run --out)",
    ],
  },
  {
    case: 'a misspelt --level',
    argv: ['run', healthy, '--format', 'ndjson', '--level', 'Eror'],
    lines: [
      "dispatchsim: --level: expected one of Critical, Error, Warning, Information, Verbose (or 1 to 5), got 'Eror' (string); did you mean Error?",
    ],
  },
  {
    case: 'a misspelt serve --level',
    argv: ['serve', healthy, '--level', 'Warn'],
    lines: [
      "dispatchsim: --level: expected one of Critical, Error, Warning, Information, Verbose (or 1 to 5), got 'Warn'; did you mean Warning?",
    ],
  },
  {
    case: 'an unknown serve --level',
    argv: ['serve', healthy, '--level', 'loud'],
    lines: [
      "dispatchsim: --level: expected one of Critical, Error, Warning, Information, Verbose (or 1 to 5), got 'loud'",
    ],
  },
  {
    case: 'serve without a scenario',
    argv: ['serve'],
    lines: ["dispatchsim: missing required argument 'scenario' (see dispatchsim serve --help)"],
  },
  {
    case: '--sessions beyond the instants of an `at` arrival list',
    argv: ['run', 'self-hosted-last-worker', '--sessions', '100'],
    lines: [
      "dispatchsim: --sessions: expected at most 7 (the instants of the scenario's workload.arrivals.at) for self-hosted-last-worker, got '100'",
    ],
  },
  {
    case: '--seed without a value',
    argv: ['run', healthy, '--seed'],
    lines: ["dispatchsim: option '--seed <n>' argument missing (see dispatchsim run --help)"],
  },
  {
    case: 'a --seed that is not a number',
    argv: ['run', healthy, '--seed', 'abc'],
    lines: ["dispatchsim: --seed: expected an integer from 0 to 4294967295, got 'abc' (string)"],
  },
  {
    case: 'a negative --seed',
    argv: ['run', healthy, '--seed', '-1'],
    lines: ["dispatchsim: --seed: expected an integer from 0 to 4294967295, got '-1' (string)"],
  },
  {
    case: 'a --seed beyond 32 bits',
    argv: ['run', healthy, '--seed', '4294967296'],
    lines: [
      "dispatchsim: --seed: expected an integer from 0 to 4294967295, got '4294967296' (string)",
    ],
  },
  {
    case: 'an unknown --format',
    argv: ['run', healthy, '--format', 'yaml'],
    lines: [
      "dispatchsim: --format: expected one of summary, json, ndjson, perfetto, evtx-xml, html, got 'yaml' (string)",
    ],
  },
  {
    // `--out x.xml` chooses evtx-xml, so xml is the likeliest meaning (user report).
    case: 'a --format that abbreviates one',
    argv: ['run', healthy, '--format', 'xml'],
    lines: [
      "dispatchsim: --format: expected one of summary, json, ndjson, perfetto, evtx-xml, html, got 'xml' (string); did you mean evtx-xml?",
    ],
  },
  {
    case: 'a misspelt option, two letters swapped',
    argv: ['run', healthy, '--levle', 'Error'],
    lines: [
      "dispatchsim: run has no option '--levle'; did you mean --level? (see dispatchsim run --help)",
    ],
  },
  {
    case: 'an unknown --level',
    argv: ['run', healthy, '--format', 'ndjson', '--level', 'loud'],
    lines: [
      "dispatchsim: --level: expected one of Critical, Error, Warning, Information, Verbose (or 1 to 5), got 'loud' (string)",
    ],
  },
  {
    case: 'a --sessions of 0',
    argv: ['run', healthy, '--sessions', '0'],
    lines: ["dispatchsim: --sessions: expected a positive integer, got '0' (string)"],
  },
  {
    case: 'a sweep --sessions of 0, as run says it',
    argv: ['sweep', healthy, '--seeds', '1..2', '--sessions', '0'],
    lines: ["dispatchsim: --sessions: expected a positive integer, got '0' (string)"],
  },
  {
    case: 'a swarm --sessions beyond the instants of an `at` arrival list, as run says it',
    argv: ['swarm', 'self-hosted-last-worker', '--runs', '2', '--sessions', '100'],
    lines: [
      "dispatchsim: --sessions: expected at most 7 (the instants of the scenario's workload.arrivals.at) for self-hosted-last-worker, got '100'",
    ],
  },
  {
    case: 'a --sessions that is not a number',
    argv: ['run', healthy, '--sessions', 'many'],
    lines: ["dispatchsim: --sessions: expected a positive integer, got 'many' (string)"],
  },
  {
    case: 'several bad flags at once',
    argv: ['run', healthy, '--seed', 'x', '--sessions', '1.5', '--format', 'csv'],
    lines: [
      "dispatchsim: --seed: expected an integer from 0 to 4294967295, got 'x' (string)",
      "dispatchsim: --sessions: expected a positive integer, got '1.5' (string)",
      "dispatchsim: --format: expected one of summary, json, ndjson, perfetto, evtx-xml, html, got 'csv' (string)",
    ],
  },
  {
    case: 'a trace format for two scenarios',
    argv: ['run', healthy, fixture('pipe-app'), '--format', 'perfetto'],
    lines: [
      'dispatchsim: --format perfetto: expected one scenario file (a trace is one run), got 2',
    ],
  },
  {
    case: 'a misspelt bundled scenario',
    argv: ['run', 'dup-handle-failures'],
    lines: [
      'dup-handle-failures: expected a readable scenario file (got no such file); did you mean dup-handle-failure?',
    ],
  },
  {
    case: 'a missing file',
    argv: ['run', 'missing.yaml'],
    lines: ['missing.yaml: expected a readable scenario file (got no such file)'],
  },
  {
    case: 'a directory instead of a file',
    argv: ['run', 'test/cli/fixtures'],
    lines: ['test/cli/fixtures: expected a readable scenario file (got a directory)'],
  },
  {
    // The user report: the empty path was read as the working directory, and named nothing.
    case: 'an empty scenario path',
    argv: ['run', ''],
    lines: ["'': expected a scenario file or a bundled scenario's name (got an empty path)"],
  },
  {
    case: 'an empty scenario path to validate',
    argv: ['validate', ''],
    lines: ["'': expected a scenario file or a bundled scenario's name (got an empty path)"],
  },
  {
    case: 'an invalid scenario file',
    argv: ['run', fixture('invalid')],
    lines: [
      "test/cli/fixtures/invalid.yaml:2: name: expected a kebab-case name (lower-case letters, digits and dashes) (got 'Invalid Name' (string))",
      'test/cli/fixtures/invalid.yaml:6: apps[0].workers: expected a number > 0 (got -2 (number))',
    ],
  },
  {
    case: 'an invalid file among valid ones (nothing runs)',
    argv: ['run', healthy, fixture('invalid')],
    lines: [
      /^test\/cli\/fixtures\/invalid.yaml:2: name:/,
      /^test\/cli\/fixtures\/invalid.yaml:6: /,
    ],
  },
  {
    case: 'validate of an invalid file',
    argv: ['validate', fixture('invalid')],
    lines: [
      /^test\/cli\/fixtures\/invalid.yaml:2: name:/,
      /^test\/cli\/fixtures\/invalid.yaml:6: /,
    ],
  },
  {
    case: 'an abbreviated fault kind',
    argv: ['validate', 'kind.yaml'],
    files: { 'kind.yaml': `${base}\nfaults:\n  - kind: dup-handle-failure\n` },
    lines: [
      /^kind\.yaml:6: faults\[0\]\.kind: expected a fault kind \(one of .*\) \(got 'dup-handle-failure' \(string\)\); did you mean duplicate-handle-failure\?$/,
    ],
  },
  {
    case: 'an unknown fault kind, close to none',
    argv: ['validate', 'kind.yaml'],
    files: { 'kind.yaml': `${base}\nfaults:\n  - kind: banana\n` },
    lines: [
      /^kind\.yaml:6: faults\[0\]\.kind: expected a fault kind \(one of .*\) \(got 'banana' \(string\)\)$/,
    ],
  },
  {
    case: 'a key twice at the top level',
    argv: ['validate', 'd.yaml'],
    files: { 'd.yaml': `name: demo\n${base}\n` },
    lines: [
      "d.yaml:2: name: expected each key once in a mapping (got 'name' again, first at line 1)",
    ],
  },
  {
    case: 'a key twice in an application',
    argv: ['validate', 'd.yaml'],
    files: { 'd.yaml': `${base}\n    baseAddress: net.tcp://localhost/billing/\n` },
    lines: [
      "d.yaml:5: apps[0].baseAddress: expected each key once in a mapping (got 'baseAddress' again, first at line 4)",
    ],
  },
  {
    case: 'probabilities past 1 and under 0',
    argv: ['validate', 'p.yaml'],
    files: {
      'p.yaml': `${base}\nfaults:\n  - kind: no-route\n    probability: 5\n  - kind: worker-hang\n    probability: -0.5\n`,
    },
    lines: [
      'p.yaml:7: faults[0].probability: expected a probability between 0 and 1 (got 5 (number))',
      'p.yaml:9: faults[1].probability: expected a probability between 0 and 1 (got -0.5 (number))',
    ],
  },
  {
    case: 'explain of an unknown id',
    argv: ['explain', '9999'],
    lines: [
      "dispatchsim: <event>: expected an ETW event or Event Log entry id or name, or a fault kind, got '9999' (string); `dispatchsim events` lists the ETW events, Event Log ids are 1 to 10; a fault kind is explained by its name",
    ],
  },
  {
    // The provider leaves it undefined (domain §2.1); the message read as a typo (user report).
    case: 'explain of an id the provider leaves undefined',
    argv: ['explain', '4004'],
    lines: [
      "dispatchsim: <event>: expected an ETW event or Event Log entry id or name, or a fault kind, got '4004' (string); the provider defines no event 4004 (4004-4007, 4009, 4017 and 4018 are not defined)",
    ],
  },
  {
    case: 'explain of a partial name',
    argv: ['explain', 'SessionStart'],
    lines: [
      "dispatchsim: <event>: expected an ETW event or Event Log entry id or name, or a fault kind, got 'SessionStart' (string); did you mean 4008 DispatchSessionStart?",
    ],
  },
  {
    // The user report: other commands suggested, explain did not.
    case: 'explain of a misspelt name',
    argv: ['explain', 'DispatchSessionFaild'],
    lines: [
      "dispatchsim: <event>: expected an ETW event or Event Log entry id or name, or a fault kind, got 'DispatchSessionFaild' (string); did you mean 4031 DispatchSessionFailed?",
    ],
  },
  {
    case: 'explain of a misspelt Event Log name',
    argv: ['explain', 'MessageQueueDuplicatedSocketLeek'],
    lines: [
      "dispatchsim: <event>: expected an ETW event or Event Log entry id or name, or a fault kind, got 'MessageQueueDuplicatedSocketLeek' (string); did you mean Event Log 8 MessageQueueDuplicatedSocketLeak?",
    ],
  },
  {
    case: 'explain without an event',
    argv: ['explain'],
    lines: ["dispatchsim: missing required argument 'event' (see dispatchsim explain --help)"],
  },
  {
    // The user report: commander's own `too many arguments for 'explain'. Expected 1
    // argument but got 2.`, naming neither the extra one nor explain's help.
    case: 'explain with two events',
    argv: ['explain', '4031', '4030'],
    lines: [
      "dispatchsim: explain takes one argument, <event>; '4030' is one too many (see dispatchsim explain --help)",
    ],
  },
  {
    case: 'events with arguments',
    argv: ['events', '4031', 'extra'],
    lines: [
      "dispatchsim: events takes no arguments; '4031' and 'extra' are too many (see dispatchsim events --help)",
    ],
  },
  {
    // A glob the shell expanded to many files: the first few are enough to recognise it.
    case: 'swarm with many scenarios',
    argv: ['swarm', 'a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml', 'f.yaml', '--runs', '2'],
    lines: [
      "dispatchsim: swarm takes one argument, <scenario>; 'b.yaml', 'c.yaml', 'd.yaml' and 2 more are too many (see dispatchsim swarm --help)",
    ],
  },
];

describe('dispatchsim bad input', () => {
  it.each(rows)('exits 2 with one line per problem for $case', async ({ argv, lines, files }) => {
    // Arrange
    const io = createFakeIo({
      files: Object.fromEntries(
        Object.entries(files ?? {}).map(([path, text]) => [`${repoRoot}${path}`, text]),
      ),
    });

    // Act
    const code = await runCli(argv, io);

    // Assert
    expect(code).toBe(2);
    expect(io.out()).toBe('');
    const errLines = io.err().split('\n');
    expect(errLines.pop()).toBe('');
    expect(errLines).toHaveLength(lines.length);
    lines.forEach((line, index) => {
      if (typeof line === 'string') expect(errLines[index]).toBe(line);
      else expect(errLines[index]).toMatch(line);
    });
    expect(io.err()).not.toMatch(/^\s+at /m);
  });

  it('exits 2 before running when the --out folder does not exist', async () => {
    // Arrange
    let ran = false;
    const io = createFakeIo({
      openFile: () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOENT' })),
      now: () => {
        ran = true;
        return 0;
      },
    });

    // Act
    const code = await runCli(
      ['run', healthy, '--format', 'json', '--out', 'no/such/dir.json'],
      io,
    );

    // Assert
    expect(code).toBe(2);
    expect(io.err()).toBe(
      "dispatchsim: --out: cannot write 'no/such/dir.json' (the folder 'no/such' does not exist)\n",
    );
    expect(ran).toBe(false);
  });

  it('exits 70 with one line on an internal error, and shows the stack only when asked', async () => {
    // Arrange
    const broken = (): number => {
      throw new TypeError('clock exploded');
    };
    const quiet = createFakeIo({ now: broken });
    const debug = createFakeIo({ now: broken, env: { DISPATCHSIM_DEBUG: '1' } });

    // Act
    const quietCode = await runCli(['run', healthy], quiet);
    const debugCode = await runCli(['run', healthy], debug);

    // Assert
    expect(quietCode).toBe(70);
    expect(quiet.err()).toBe(
      'dispatchsim: internal error: clock exploded (a bug in dispatchsim; DISPATCHSIM_DEBUG=1 shows the stack)\n',
    );
    expect(debugCode).toBe(70);
    expect(debug.err()).toMatch(/^TypeError: clock exploded\n\s+at /);
  });
});
