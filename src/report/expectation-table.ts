// The table of a run's checked expectations (issue 5): one row per expectation of the
// scenario's `expect:` list, its verdict (met, NOT MET, not checked), the expectation in
// words and the figure seen. The CLI summary and the `toMeetExpectations` matcher both print
// it, so a failure reads the same in a terminal and in a test.

import type { ExpectationResult } from '../sim/check-expectations.js';
import { formatTable, type TableCell } from './text-table.js';
import { plainStyle, type TextStyle } from './text-style.js';

/**
 * Lays out checked expectations, one aligned row each.
 * @param expectations - a run's `result.expectations`
 * @param style - colours @default plainStyle (none)
 * @returns one line per expectation, without a final newline, e.g.
 *   `  NOT MET  requests gaveUp <= 0  saw 1`
 */
export function formatExpectationTable(
  expectations: readonly ExpectationResult[],
  style: TextStyle = plainStyle,
): string[] {
  const rows = expectations.map((e): TableCell[] => [
    e.met === true
      ? { text: 'met', style: style.green }
      : e.met === false
        ? { text: 'NOT MET', style: (t) => style.bold(style.red(t)) }
        : { text: 'not checked', style: style.yellow },
    e.description,
    { text: `saw ${e.observed}`, style: e.met === false ? style.red : style.dim },
  ]);
  return formatTable(rows);
}
