// formatTable: aligned plain-text columns for the text reports (summary, `events`, `list`).
// Widths are measured on the unstyled text and the style is applied after padding, so colour
// codes never break the alignment.

import type { StyleFn } from './text-style.js';

/** One cell: its text and, optionally, a style applied after padding. */
export type TableCell = string | { readonly text: string; readonly style: StyleFn };

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Columns aligned to the right (numbers), by index. @default [] */
  readonly alignRight?: readonly number[];
  /** Text put before every row. @default '  ' */
  readonly indent?: string;
  /** Spaces between columns. @default 2 */
  readonly gap?: number;
}

function textOf(cell: TableCell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/**
 * Lays rows out in aligned columns. The last column is not padded, so lines carry no
 * trailing spaces.
 * @param rows - the rows, each a list of cells
 * @param options - alignment and indentation
 * @returns one line per row, without a final newline
 */
export function formatTable(
  rows: readonly (readonly TableCell[])[],
  options: TableOptions = {},
): string[] {
  const { alignRight = [], indent = '  ', gap = 2 } = options;
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, textOf(cell).length);
    });
  }
  const separator = ' '.repeat(gap);
  return rows.map((row) => {
    const cells = row.map((cell, index) => {
      const text = textOf(cell);
      const width = widths[index] ?? text.length;
      const last = index === row.length - 1;
      const padded = alignRight.includes(index)
        ? text.padStart(width)
        : last
          ? text
          : text.padEnd(width);
      return typeof cell === 'string' ? padded : cell.style(padded);
    });
    return (indent + cells.join(separator)).trimEnd();
  });
}
