// What `dispatchsim swarm` says of the distinct failures it did not shrink (issue 13): one
// promise breaks for many causes, and a swarm shrinks at most MAX_SHRUNK of them, skipping
// those a shrunk one explains. Each left gets the command that shrinks it.

import { MAX_SHRUNK, type UnshrunkFailure } from '../search/swarm.js';

/** Lines listed before `… and N more`. */
const LISTED = 10;

/** The NDJSON file a swarm's hints ask to be written when it wrote none to point at. */
export const RERUN_NDJSON = 'swarm.ndjson';

/**
 * @param unshrunk - the distinct failures not shrunk, in the order first seen
 * @param ndjson - the swarm's NDJSON output file, if it wrote one (shrink reads it)
 * @returns the note, one line per failure listed, or '' when every one was shrunk
 */
export function describeUnshrunk(
  unshrunk: readonly UnshrunkFailure[],
  ndjson: string | undefined,
): string {
  if (unshrunk.length === 0) return '';
  const explained = unshrunk.filter((u) => u.reason === 'explained').length;
  const beyond = unshrunk.length - explained;
  const why = [
    ...(explained > 0 ? [`${explained} with every fault kind a shrunk one kept`] : []),
    ...(beyond > 0 ? [`${beyond} beyond the ${MAX_SHRUNK} shrunk`] : []),
  ].join(', ');
  const file = ndjson ?? RERUN_NDJSON;
  const how =
    ndjson === undefined
      ? `run the swarm again with --format ndjson --out ${file}, then`
      : 'to shrink one';
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
