// describeUnknownOption: the message for an option the command does not have (user report).
// Commander suggests any option of the command or of the program within its loose similarity,
// so `sweep --sessions` got "Did you mean --version?": --version is the program's, and nothing
// like --sessions. Here the suggestion is the scenario validator's closestMatch over the
// options the command accepts (its own, then --help and --version, which commander parses after
// any command), and a flag that another command has is named with that command, since a user
// who types it has most likely mixed the two up.

import type { Command } from 'commander';
import { closestMatch } from '../core/closest-match.js';

// The long and short names of a command's options (`--no-shrink` as written).
function optionNames(command: Command): string[] {
  return command
    .createHelp()
    .visibleOptions(command)
    .flatMap((option) => [option.long, option.short])
    .filter((name): name is string => name !== undefined);
}

// `run`, `run and swarm`, `run, swarm and serve`.
function listed(names: readonly string[]): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * The message for an unknown option, without the `dispatchsim: ` prefix.
 * @param flag - the option as commander reports it (`--sessions`, or `--level=Error`)
 * @param command - the command whose options were being parsed: a subcommand, or the program
 *   for an option written before any command
 * @returns e.g. `sweep has no option '--sessions' (run has it) (see dispatchsim sweep --help)`
 *   or `run has no option '--sed'; did you mean --seed? (see dispatchsim run --help)`
 */
export function describeUnknownOption(flag: string, command: Command): string {
  // `--level=Error`: the option is the part before the `=`.
  const name = flag.startsWith('--') ? (flag.split('=')[0] ?? flag) : flag;
  const program = command.parent ?? command;
  const isProgram = program === command;
  const accepted = isProgram
    ? optionNames(program)
    : [...optionNames(command), ...optionNames(program)];
  // Short options are one letter: any other letter is as close as the next.
  const suggestion = name.startsWith('--')
    ? closestMatch(name, new Set(accepted.filter((option) => option.startsWith('--'))))
    : undefined;
  const others = program.commands
    .filter(
      (other) =>
        other !== command && other.options.some((o) => o.long === name || o.short === name),
    )
    .map((other) => other.name());
  const what = isProgram ? `unknown option '${name}'` : `${command.name()} has no option '${name}'`;
  const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
  const whose =
    others.length === 0
      ? ''
      : ` (${listed(others)} ${others.length === 1 ? 'has' : 'have'} ${suggestion === undefined ? 'it' : name}${isProgram ? ': put it after the command' : ''})`;
  const help = isProgram ? 'dispatchsim --help' : `dispatchsim ${command.name()} --help`;
  return `${what}${hint}${whose} (see ${help})`;
}
