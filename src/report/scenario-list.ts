// The text of `dispatchsim list`: the bundled scenarios, each with the name to pass to
// `dispatchsim run` and the first line of its description.

import { formatTable, type TableCell } from './text-table.js';
import { plainStyle, type TextStyle } from './text-style.js';

/** One bundled scenario. */
export interface ScenarioListEntry {
  /** The bare name to give `dispatchsim run`. */
  readonly file: string;
  /** The first line of its description, or why it could not be read. */
  readonly description: string;
  /** False when the file does not validate. */
  readonly valid: boolean;
}

/**
 * @param description - a scenario's description
 * @returns its first non-empty line, trimmed
 */
export function firstLine(description: string): string {
  return (
    description
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/**
 * @param entries - the bundled scenarios, in the order to show
 * @param style - colours
 * @returns the list, ending with a newline
 */
export function formatScenarioList(
  entries: readonly ScenarioListEntry[],
  style: TextStyle = plainStyle,
): string {
  const rows = entries.map((entry): TableCell[] => [
    { text: entry.file, style: style.cyan },
    entry.valid ? entry.description : { text: entry.description, style: style.red },
  ]);
  return (
    [
      ...formatTable(rows, { indent: '' }),
      '',
      style.dim('Run one with: dispatchsim run <name>   (add --seed N to vary it)'),
    ].join('\n') + '\n'
  );
}
