// formatDuration: a span of milliseconds in the unit a person reads best (virtual time in the
// summary, wall-clock time the CLI measured).

/**
 * @param milliseconds - a duration in ms (virtual or wall-clock)
 * @returns e.g. `0.25 ms`, `520 ms`, `5.2 s`, `2 min 5 s`, `3 h 20 min`
 */
export function formatDuration(milliseconds: number): string {
  const value = Math.max(0, milliseconds);
  if (value < 1) return `${trim(value.toFixed(2))} ms`;
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${trim((value / 1000).toFixed(value < 10_000 ? 2 : 1))} s`;
  const totalSeconds = Math.round(value / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
