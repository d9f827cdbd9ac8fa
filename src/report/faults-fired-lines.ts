// The "Faults fired" section of the text reports: each fault kind that fired and how many
// times, in first-fired order, or "none". Shared by `run`'s summary and `serve`'s stop summary.

import { formatTable } from './text-table.js';
import { plainStyle, type TextStyle } from './text-style.js';

/**
 * @param faultsFired - how many times each kind fired, in first-fired order
 * @param title - the section's title, as the report writes its titles
 * @param style - the report's styles
 * @returns the section's lines: the title and a row per kind, or the title and "none"
 */
export function faultsFiredLines(
  faultsFired: Readonly<Record<string, number>>,
  title: string,
  style: TextStyle = plainStyle,
): string[] {
  const fired = Object.entries(faultsFired).filter(([, count]) => count > 0);
  if (fired.length === 0) return [`${title}  ${style.dim('none')}`];
  return [
    title,
    ...formatTable(
      fired.map(([kind, count]) => [kind, String(count)]),
      { alignRight: [1] },
    ),
  ];
}
