// describeExcessArguments: the message for arguments a command does not take (user report).
// Commander said `too many arguments for 'explain'. Expected 1 argument but got 2.`, which
// names neither the argument that is too many nor where the command's arguments are told.
// Here it is said in the words of the other command-line errors (unknown-option.ts): the
// command, what it takes, the extra arguments by name, and the command's help. A glob the
// shell expanded (`shrink *.ndjson`) is named by its first few files.

import type { Command } from 'commander';

/** The extra arguments named before the rest are counted. */
const NAMED = 3;

// `<event>`, or `[file]` for an optional one (`<shard...>` for a variadic one).
function usage(command: Command): string {
  return command.registeredArguments
    .map((argument) => {
      const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
      return argument.required ? `<${name}>` : `[${name}]`;
    })
    .join(' ');
}

// `'a'`, `'a' and 'b'`, `'a', 'b', 'c' and 2 more`.
function quoted(extras: readonly string[]): string {
  const named = extras.slice(0, NAMED).map((extra) => `'${extra}'`);
  const rest = extras.length - named.length;
  if (rest > 0) return `${named.join(', ')} and ${rest} more`;
  return named.length < 2
    ? named.join('')
    : `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`;
}

/**
 * The message for arguments beyond those a command takes, without the `dispatchsim: ` prefix.
 * @param command - the command whose arguments were parsed (its `args` as commander left them)
 * @returns e.g. `explain takes one argument, <event>; '4016' is one too many (see dispatchsim
 *   explain --help)`, or `events takes no arguments; '4031' and 'extra' are too many (see
 *   dispatchsim events --help)`
 */
export function describeExcessArguments(command: Command): string {
  const taken = command.registeredArguments.length;
  const extras = command.args.slice(taken);
  const takes =
    taken === 0
      ? 'takes no arguments'
      : `takes ${taken === 1 ? 'one argument' : `${taken} arguments`}, ${usage(command)}`;
  const tooMany = extras.length === 1 ? 'is one too many' : 'are too many';
  return `${command.name()} ${takes}; ${quoted(extras)} ${tooMany} (see dispatchsim ${command.name()} --help)`;
}
