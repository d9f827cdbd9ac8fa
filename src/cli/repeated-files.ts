// A file given twice on one command line: `sweep a.yaml ./a.yaml` ran its cases twice under
// one recorded name, and `merge s1.ndjson s1.ndjson` merged one shard with itself where
// another was meant (user reports). Paths are compared resolved against the working
// directory, not through symbolic links.

import { resolve } from 'node:path';
import { CommandLineError } from '../errors/command-line-error.js';

/**
 * Refuses a file given twice, naming both spellings.
 * @param command - the command, for the message (`sweep`, `merge`)
 * @param files - the files as given
 * @param cwd - the working directory they are relative to
 * @param each - what each file is, for the advice (`scenario`, `shard`)
 * @throws CommandLineError naming every file given again
 */
export function refuseRepeatedFiles(
  command: string,
  files: readonly string[],
  cwd: string,
  each: string,
): void {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const before = seen.get(path);
    if (before === undefined) seen.set(path, file);
    else
      problems.push(
        `${command}: ${file}: the same file as ${before}, given before: give each ${each} once`,
      );
  }
  if (problems.length > 0) throw new CommandLineError(problems);
}
