// describeSize: a file's size in words, for notes on stderr (the temporary files of killed
// runs, stale-temporary-files.ts). Decimal units, as `ls -h --si` and file managers show them.

const UNITS = ['kB', 'MB', 'GB', 'TB'] as const;

/**
 * @param bytes - a size
 * @returns it in words: `1 byte`, `512 bytes`, `2.5 kB`, `119 MB`, `1.2 GB`
 */
export function describeSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1000;
  let unit: (typeof UNITS)[number] = 'kB';
  for (const next of UNITS.slice(1)) {
    if (value < 999.5) break;
    value /= 1000;
    unit = next;
  }
  const shown = value < 9.95 ? value.toFixed(1).replace(/\.0$/, '') : value.toFixed(0);
  return `${shown} ${unit}`;
}
