// DispatchsimCommand: commander's Command, remembering the first unknown option of its own
// parse (user report). Commander checks required options before unknown ones, so
// `sweep --seed 1..4` was told that --seeds is missing and never that --seed is a slip for
// it. Its error carries neither the option nor the arguments, and re-parsing `args` would take
// a file given after `--` (`-odd.yaml`) for an option: only the parse itself knows.

import { Command, type ParseOptionsResult } from 'commander';

/** A commander Command whose subcommands are DispatchsimCommands too. */
export class DispatchsimCommand extends Command {
  #firstUnknownOption: string | undefined;

  /**
   * The first option this command did not know in its last parse (`--seed`, or
   * `--level=Error` as written), or undefined when it knew them all. (Not `unknownOption`:
   * commander's method of that name throws the error for one.)
   */
  get firstUnknownOption(): string | undefined {
    return this.#firstUnknownOption;
  }

  override createCommand(name?: string): DispatchsimCommand {
    return new DispatchsimCommand(name);
  }

  override parseOptions(argv: string[]): ParseOptionsResult {
    const parsed = super.parseOptions(argv);
    // Commander keeps everything from the first unknown option on as unknown: the first is it.
    this.#firstUnknownOption = parsed.unknown[0];
    return parsed;
  }
}
