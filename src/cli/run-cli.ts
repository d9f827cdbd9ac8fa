// runCli: the dispatchsim command line (issue 6; STYLE §5.3, §5.7). Each command's module is
// imported when that command runs, so `run` does not load the search commands' worker pool
// and shrinker, nor `explain` the simulator (start-up time, issue 12). A commander program
// that never exits the process and writes only through the injected io; every failure
// becomes one line per problem on stderr and an exit code (exit-codes.ts), never a stack.

import { CommanderError, Option, type Command } from 'commander';
import picocolors from 'picocolors';
import { CommandLineError } from '../errors/command-line-error.js';
import { isDispatchsimError } from '../errors/dispatchsim-error.js';
import { ScenarioError, formatScenarioIssues } from '../errors/scenario-error.js';
import { eventLevels } from '../report/level-filter.js';
import type { TextStyle } from '../report/text-style.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { DispatchsimCommand } from './dispatchsim-command.js';
import { formatsByExtension, outputFormats, searchFormatsByExtension } from './output-formats.js';
import { packageVersion } from './package-version.js';
import { describeExcessArguments } from './excess-arguments.js';
import { describeUnknownOption } from './unknown-option.js';

/**
 * @param io - the outside world
 * @returns whether stdout gets colour: a terminal, and NO_COLOR unset or empty
 */
export function colorEnabled(io: CliIo): boolean {
  const noColor = io.env['NO_COLOR'];
  return io.isTTY && (noColor === undefined || noColor === '');
}

// An option whose default is a number. Commander hands a value over as the string typed, so
// the default is that string too, and the help showed it as JSON, in quotes (user report:
// `(default: "400")`); it shows the number.
function numericOption(flags: string, description: string, value: number): Option {
  return new Option(flags, description).default(String(value), String(value));
}

const searchFormatHelp = 'table, or ndjson: one line per case (default: table; see --out)';
const searchOutHelp = `write the output to a file; without --format, its extension (${Object.keys(searchFormatsByExtension).join(' ')}) chooses ndjson`;

function buildProgram(
  io: CliIo,
  style: TextStyle,
  setCode: (code: ExitCode) => void,
  setCommand: (command: Command) => void,
): Command {
  const program = new DispatchsimCommand('dispatchsim');
  program
    // Commander parses the program's options, then hands the rest to the command: from here
    // on, an unknown option is the command's.
    .hook('preSubcommand', (_program, command) => {
      setCommand(command);
    })
    .description(
      'Simulates the WCF activation dispatcher (SMSvcHost.exe) on virtual time, with injected failures and the ETW events it writes, such as 4031 DispatchSessionFailed.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Errors are printed by runCli, one line each, from the CommanderError.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .addHelpText(
      'after',
      `
Examples:
  dispatchsim run healthy-baseline              (a bundled scenario: dispatchsim list)
  dispatchsim run dup-handle-failure --seed 7 --format perfetto --out run.trace.json
  dispatchsim run my-scenario.yaml
  dispatchsim explain 4031

Exit codes: 0 every expectation met, 1 an expectation not met (or the run could not finish),
2 bad input, 70 internal error, 74 the output could not be written, 130 interrupted.`,
    );

  program
    .command('run')
    .description('run scenarios and report outcomes, events, counters and expectations')
    .argument('<scenario...>', 'scenario files (YAML or JSON) or bundled names (dispatchsim list)')
    .option('--seed <n>', 'the seed (overrides the file)')
    .option('--sessions <n>', 'number of sessions (overrides the file)')
    // No commander default: without --format, run-flags.ts takes the format --out's extension
    // names.
    .option(
      '--format <format>',
      `output: ${outputFormats.join(', ')} (default: summary; see --out)`,
    )
    .option(
      '--out <file>',
      `write the output to a file (the summary still goes to stdout); without --format, its extension (${Object.keys(formatsByExtension).join(' ')}) chooses the format`,
    )
    .option(
      '--level <level>',
      `keep events at or above ${eventLevels.join(' > ')} (traces; the event tables of summary and json)`,
    )
    .option(
      '--check-determinism',
      'run twice with the same seed and compare the traces (automatic when the scenario expects `invariant: deterministic`)',
    )
    .action(async (files: string[], options: Record<string, unknown>) => {
      const { runCommand } = await import('./run-command.js');
      setCode(await runCommand(io, files, options, style));
    });

  program
    .command('sweep')
    .description(
      'run scenarios with every seed of a range; report the worst cases first (--format ndjson: every case)',
    )
    .argument('<scenario...>', 'scenario files (YAML or JSON) or bundled names')
    .requiredOption('--seeds <A..B>', 'the seeds, both ends included (e.g. 1..100)')
    .option('--sessions <n>', 'number of sessions of every case (overrides the files)')
    // No commander default: search-flags.ts takes the format --out's extension names.
    .option('--format <format>', searchFormatHelp)
    .option('--out <file>', searchOutHelp)
    .option('--threads <n>', 'worker threads (default: the cores)')
    .option(
      '--shard <k/n>',
      'run only the cases with index % n == k - 1 (auto/n: k from JOB_COMPLETION_INDEX)',
    )
    .action(async (files: string[], options: Record<string, unknown>) => {
      const { sweepCommand } = await import('./search-command.js');
      setCode(await sweepCommand(io, files, options, style));
    });

  program
    .command('swarm')
    .description(
      'swarm testing: random fault plans on top of a scenario; failures shrunk to replayable files',
    )
    .argument('<scenario>', 'the base scenario (its expectations are what must hold)')
    .requiredOption('--runs <n>', 'cases: random fault plans to try')
    .addOption(numericOption('--seed <n>', 'the seed every case derives from', 1))
    .addOption(numericOption('--max-rules <n>', 'the most fault rules a case adds', 4))
    .option('--sessions <n>', 'number of sessions of every case (overrides the file)')
    .option('--kinds <list>', 'the fault kinds plans may use, separated by commas (default: all)')
    // No commander default: search-flags.ts takes the format --out's extension names.
    .option('--format <format>', searchFormatHelp)
    .option('--out <file>', searchOutHelp)
    .option('--threads <n>', 'worker threads (default: the cores)')
    .option(
      '--shard <k/n>',
      'run only the cases with index % n == k - 1 (auto/n: k from JOB_COMPLETION_INDEX)',
    )
    .option('--no-shrink', 'do not shrink the failures')
    // No commander defaults here (search-flags applies them): a value typed beside
    // --no-shrink, which would ignore it, is refused.
    .option('--shrink-budget <n>', 'the most runs spent shrinking one failure (default: 400)')
    .option('--out-dir <dir>', 'where shrunk scenarios are written (default: swarm-failures)')
    .action(async (file: string, options: Record<string, unknown>) => {
      const { swarmCommand } = await import('./search-command.js');
      setCode(await swarmCommand(io, file, options, style));
    });

  program
    .command('shrink')
    .description('shrink a failing scenario to the smallest one that fails the same way')
    .argument('<file>', 'a scenario that fails with its seed, or a sweep or swarm NDJSON output')
    .option('--seed <n>', 'the seed it fails with (default: the file’s, or the case’s)')
    .option('--case <n>', 'of an NDJSON output: the case to shrink (default: the first failing)')
    .addOption(numericOption('--budget <n>', 'the most runs spent shrinking', 400))
    .option('--out <file>', 'write the shrunk scenario to a file (default: stdout)')
    .action(async (file: string, options: Record<string, unknown>) => {
      const { shrinkCommand } = await import('./shrink-command.js');
      setCode(await shrinkCommand(io, file, options));
    });

  program
    .command('merge')
    .description('merge the NDJSON outputs of the shards of one sweep or swarm')
    .argument('<shard...>', 'shard output files (--format ndjson)')
    .option('--out <file>', 'write the merged output to a file')
    .action(async (files: string[], options: Record<string, unknown>) => {
      const { mergeCommand } = await import('./merge-command.js');
      setCode(await mergeCommand(io, files, options));
    });

  program
    .command('serve')
    .description(
      "live mode: listen on a loopback port as SMSvcHost does, for real WCF clients; the scenario decides each connection's fate",
    )
    .argument('<scenario>', 'a scenario file (YAML or JSON) or a bundled name')
    .option('--host <address>', 'a loopback address to listen on', '127.0.0.1')
    .addOption(numericOption('--port <n>', 'the port (0: any free one)', 0))
    .option('--trace <file>', 'stream the NDJSON trace to a file (.ndjson or .jsonl)')
    .option(
      '--level <level>',
      'keep trace records at or above Critical > Error > Warning > Information > Verbose',
    )
    .option('--seed <n>', 'the seed (overrides the file)')
    .option(
      '--stop-on-stdin-close',
      'stop, as on Ctrl-C, when standard input closes (for a parent process on Windows)',
    )
    .option(
      '--duration <time>',
      'stop by itself after this long, as on Ctrl-C: seconds (90), or 90s, 15m, 2h',
    )
    .option(
      '--timed-faults-from <when>',
      "where fault rules' atMs, fromMs and toMs count from: listening or first-connection (for a client started by hand)",
      'listening',
    )
    .addHelpText(
      'after',
      `
Clients: every failure reaches any net.tcp client; a dispatched call is served (an echo of its
first parameter) for NetTcpBinding(SecurityMode.None) and a SOAP 1.2 text CustomBinding.
Transport security, reliable sessions and streamed transfer are not served: the client gets
a ProtocolException. How-to: docs/test-your-dotnet-client.md in the package.

Example:
  dispatchsim serve my-client-fates.yaml --port 0 --trace fates.ndjson
`,
    )
    .action(async (file: string, options: Record<string, unknown>) => {
      const { serveCommand } = await import('./serve-command.js');
      setCode(await serveCommand(io, file, options));
    });

  program
    .command('validate')
    .description('check scenario files without running them')
    .argument('<scenario...>', 'scenario files (YAML or JSON) or bundled names')
    .action(async (files: string[]) => {
      const { validateCommand } = await import('./validate-command.js');
      setCode(await validateCommand(io, files, style));
    });

  program
    .command('list')
    .description('list the bundled scenarios')
    .action(async () => {
      const { listCommand } = await import('./list-command.js');
      setCode(await listCommand(io, style));
    });

  program
    .command('explain')
    .description(
      'explain an ETW event or Event Log entry (causes, what the client sees, what it is mistaken for) or a fault kind',
    )
    .argument(
      '<event>',
      'an event id (4031) or name (DispatchSessionFailed), an Event Log id (8) or name, or a fault kind (worker-crash)',
    )
    .action(async (event: string) => {
      const { explainCommand } = await import('./explain-command.js');
      setCode(await explainCommand(io, event, style));
    });

  program
    .command('events')
    .description('list the ETW events, marking those the simulator never emits')
    .action(async () => {
      const { eventsCommand } = await import('./events-command.js');
      setCode(eventsCommand(io, style));
    });

  return program;
}

// Commander's messages read `error: missing required argument 'scenario'`. An unknown option
// (`error: unknown option '--x'\n(Did you mean --version?)`) gets its own message, from the
// options of the command it was given to. Commander reports a missing required option before
// an unknown one: the unknown one, most likely a slip for it (`--seed` for `--seeds`), is
// named first, and so are arguments a command does not take (excess-arguments.ts). The help
// named is the command's, which lists its arguments and options (user report: `run` alone
// pointed to the program's, which names neither).
function commanderProblems(error: CommanderError, command: Command | undefined): string[] {
  const unknown = /^error: unknown option '(.*)'$/m.exec(error.message)?.[1];
  if (error.code === 'commander.unknownOption' && unknown !== undefined && command !== undefined) {
    return [describeUnknownOption(unknown, command)];
  }
  if (error.code === 'commander.excessArguments' && command?.parent != null) {
    return [describeExcessArguments(command)];
  }
  const problem = error.message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
  const help =
    command?.parent == null ? 'dispatchsim --help' : `dispatchsim ${command.name()} --help`;
  const line = `${problem} (see ${help})`;
  if (
    error.code === 'commander.missingMandatoryOptionValue' &&
    command instanceof DispatchsimCommand
  ) {
    const slip = command.firstUnknownOption;
    if (slip !== undefined) return [describeUnknownOption(slip, command), line];
  }
  return [line];
}

function printError(io: CliIo, error: unknown, command: Command | undefined): ExitCode {
  if (error instanceof CommanderError) {
    // Help (`--help`, `help [command]`) and the version: commander ends them with exit code 0.
    if (error.exitCode === 0) return exitCodes.ok;
    for (const problem of commanderProblems(error, command)) io.stderr(`dispatchsim: ${problem}\n`);
    return exitCodes.badInput;
  }
  if (isDispatchsimError(error)) {
    if (error instanceof ScenarioError) {
      for (const line of formatScenarioIssues(error.issues)) io.stderr(`${line}\n`);
      return exitCodes.badInput;
    }
    if (error instanceof CommandLineError) {
      for (const problem of error.problems) io.stderr(`dispatchsim: ${problem}\n`);
      return exitCodes.badInput;
    }
    switch (error.code) {
      case 'sim.horizon-exceeded':
      case 'sim.stalled':
      case 'sim.livelock':
        io.stderr(`dispatchsim: ${error.message}\n`);
        return exitCodes.notPassed;
      case 'cli.output':
        io.stderr(`dispatchsim: ${error.message}\n`);
        return exitCodes.outputFailed;
      case 'cli.interrupted':
        io.stderr(`dispatchsim: ${error.message}\n`);
        return exitCodes.interrupted;
      case 'sim.already-run':
        // The CLI builds a Simulation for each run: running one twice is a bug here, reported
        // as an internal error below.
        break;
      case 'scenario.invalid':
      case 'cli.bad-flag':
      case 'cli.io':
      case 'config.invalid-option':
        for (const line of error.message.split('\n')) io.stderr(`dispatchsim: ${line}\n`);
        return exitCodes.badInput;
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? '';
  const debug = io.env['DISPATCHSIM_DEBUG'];
  if (debug !== undefined && debug !== '' && error instanceof Error && error.stack !== undefined) {
    io.stderr(`${error.stack}\n`);
  }
  io.stderr(
    `dispatchsim: internal error: ${firstLine} (a bug in dispatchsim; DISPATCHSIM_DEBUG=1 shows the stack)\n`,
  );
  return exitCodes.internalError;
}

// `help <name>` for a name that is no command (`help nosuch`, `help help`): commander prints
// the whole help as an error, then `(outputHelp)`. Given the name alone, commander says what
// `dispatchsim nosuch` says: unknown command, with its suggestion (`rnu`: run); and `help`
// alone is the help.
function helpedArgs(argv: readonly string[], program: Command): string[] {
  const [first, name] = argv;
  if (first !== 'help' || name === undefined) return [...argv];
  const known = program.commands.some((c) => c.name() === name || c.aliases().includes(name));
  return known ? [...argv] : argv.slice(1);
}

/**
 * Runs the dispatchsim command line in-process.
 * @param argv - the arguments after the program name (`process.argv.slice(2)`)
 * @param io - the outside world: output, files, environment, wall clock
 * @returns the exit code (see exit-codes.ts); never throws, never exits the process
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), nodeIo);
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  if (argv.length === 0) {
    io.stderr(
      'dispatchsim: no command given; try `dispatchsim run healthy-baseline`, `dispatchsim list` or `dispatchsim --help`\n',
    );
    return exitCodes.badInput;
  }
  const style: TextStyle = picocolors.createColors(colorEnabled(io));
  let code: ExitCode = exitCodes.ok;
  // The command whose options are being parsed: the program's first, then the command's.
  let command: Command | undefined;
  try {
    const program = buildProgram(
      io,
      style,
      (c) => {
        code = c;
      },
      (c) => {
        command = c;
      },
    );
    command = program;
    await program.parseAsync(helpedArgs(argv, program), { from: 'user' });
    return code;
  } catch (error: unknown) {
    return printError(io, error, command);
  }
}
