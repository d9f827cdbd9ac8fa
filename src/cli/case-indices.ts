// describeCaseIndices: which cases a search output holds, for `shrink --case` given one it
// does not hold (user report: `has no case 999` left the valid ones to guess). A whole search
// holds 0..N-1; a shard holds every n-th case (`1, 4, 7, …, 298`), said with its shard so
// that the gaps are no surprise.

/** Runs of consecutive indices named before the rest is elided. */
const NAMED_RUNS = 3;

// `0..3`, `0, 2`, `5`: consecutive indices as one range.
function runs(indices: readonly number[]): string[] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const found: string[] = [];
  let start: number | undefined;
  let end = 0;
  for (const index of sorted) {
    if (start !== undefined && index === end + 1) {
      end = index;
      continue;
    }
    if (start !== undefined) found.push(start === end ? `${start}` : `${start}..${end}`);
    start = index;
    end = index;
  }
  if (start !== undefined) found.push(start === end ? `${start}` : `${start}..${end}`);
  return found;
}

/**
 * @param indices - the case indices the output holds, in any order
 * @param shard - the output's shard as its header gives it (`1/1`, `2/3`, or `all` once
 *   merged)
 * @returns e.g. `its cases are 0..11`, `shard 2/3: its cases are 1, 4, 7, …, 298`,
 *   `its only case is 0` or `it has no cases`
 */
export function describeCaseIndices(indices: readonly number[], shard: string): string {
  const found = runs(indices);
  const whose = shard === '1/1' || shard === 'all' ? '' : `shard ${shard}: `;
  if (found.length === 0) return `${whose}it has no cases`;
  const [only] = found;
  if (found.length === 1 && only !== undefined && !only.includes('..')) {
    return `${whose}its only case is ${only}`;
  }
  const named =
    found.length > NAMED_RUNS + 1
      ? [...found.slice(0, NAMED_RUNS), '…', ...found.slice(-1)]
      : found;
  return `${whose}its cases are ${named.join(', ')}`;
}
