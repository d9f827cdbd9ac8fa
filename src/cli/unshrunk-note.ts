// What `dispatchsim swarm` says of the distinct failures it did not shrink (issue 13): one
// promise breaks for many causes, and a swarm shrinks at most MAX_SHRUNK of them, skipping
// those a shrunk one explains. Each left gets the command that shrinks it.

import { MAX_SHRUNK, type UnshrunkFailure } from '../search/swarm.js';
import type { FormatSource } from './format-from-out.js';
import type { SearchFormat } from './output-formats.js';

/** Lines listed before `… and N more`. */
const LISTED = 10;

/** The NDJSON file a swarm's hints ask to be written when it wrote none to point at. */
export const RERUN_NDJSON = 'swarm.ndjson';

/**
 * What a swarm that wrote no NDJSON file must be run again with to write one: the file's
 * name alone (a .ndjson name is NDJSON without --format), and `--format ndjson` too only
 * when the table was asked for by name (user report: the hint said `--format ndjson` to
 * someone who had named a .ndjson file).
 * @param format - the swarm's format
 * @param formatSource - where it came from
 * @returns e.g. `--out swarm.ndjson`
 */
export function rerunForNdjson(format: SearchFormat, formatSource: FormatSource): string {
  const flag = format === 'table' && formatSource === 'given' ? '--format ndjson ' : '';
  return `${flag}--out ${RERUN_NDJSON}`;
}

/**
 * @param unshrunk - the distinct failures not shrunk, in the order first seen
 * @param ndjson - the swarm's NDJSON output file, if it wrote one (shrink reads it)
 * @param rerun - without one, the flags that write one ({@link rerunForNdjson})
 * @returns the note, one line per failure listed, or '' when every one was shrunk
 */
export function describeUnshrunk(
  unshrunk: readonly UnshrunkFailure[],
  ndjson: string | undefined,
  rerun: string,
): string {
  if (unshrunk.length === 0) return '';
  const explained = unshrunk.filter((u) => u.reason === 'explained').length;
  const beyond = unshrunk.length - explained;
  const why = [
    ...(explained > 0 ? [`${explained} with every fault kind a shrunk one kept`] : []),
    ...(beyond > 0 ? [`${beyond} beyond the ${MAX_SHRUNK} shrunk`] : []),
  ].join(', ');
  const file = ndjson ?? RERUN_NDJSON;
  // --no-shrink: run again, the swarm would shrink again all it shrank (user report: 190 s).
  const how =
    ndjson === undefined ? `run the swarm again with --no-shrink ${rerun}, then` : 'to shrink one';
  const s = unshrunk.length === 1 ? '' : 's';
  const lines = unshrunk.slice(0, LISTED).map((u) => {
    const kinds = u.faultKinds.length === 0 ? 'no fault' : u.faultKinds.join('+');
    const like = u.explainedBy === undefined ? '' : ` (like case ${u.explainedBy})`;
    return `  dispatchsim shrink ${file} --case ${u.caseIndex}  # ${u.failure} with ${kinds}${like}`;
  });
  const more = unshrunk.length > LISTED ? [`  … and ${unshrunk.length - LISTED} more`] : [];
  return [
    `not shrunk: ${unshrunk.length} more distinct failure${s} (${why}); ${how}:`,
    ...lines,
    ...more,
  ].join('\n');
}
