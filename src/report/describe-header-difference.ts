// describeHeaderDifference: why `merge` refuses a shard's header as another search's (issue
// 13). Each field that differs is named with both values, so the shard run with another
// version, seed range or scenario file can be found without comparing JSON by eye.

import { countOf } from '../errors/count-of.js';
import type { SearchHeader } from './search-output.js';

const HASH_SHOWN = 12;
const LONGEST_SHOWN = 80;

/** A value as a message shows it: strings bare, the rest as JSON, middle cut when long. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (text.length <= LONGEST_SHOWN) return text;
  const half = (LONGEST_SHOWN - 1) / 2;
  return `${text.slice(0, Math.ceil(half))}…${text.slice(-Math.floor(half))}`;
}

/** Both values, shown apart even when only their types differ (14 and "14"). */
function showBoth(mine: unknown, theirs: unknown): readonly [string, string] {
  const shown = [show(mine), show(theirs)] as const;
  return shown[0] === shown[1] ? [JSON.stringify(mine), JSON.stringify(theirs)] : shown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function clause(what: string, mine: unknown, theirs: unknown, than: string): string {
  const [a, b] = showBoth(mine, theirs);
  return `its ${what} is ${a}, ${than}'s is ${b}`;
}

const shortHash = (hash: unknown): string =>
  typeof hash === 'string' && hash.length > HASH_SHOWN
    ? `${hash.slice(0, HASH_SHOWN)}…`
    : show(hash);

type Inputs = SearchHeader['inputs'];

// A header is read from a file: its inputs are checked, not trusted.
function isInputList(value: unknown): value is Inputs {
  return (
    Array.isArray(value) &&
    value.every((input: unknown) => typeof input === 'object' && input !== null)
  );
}

function inputsClause(mine: Inputs, theirs: Inputs, than: string): string | undefined {
  if (!isInputList(mine) || !isInputList(theirs)) return clause('inputs', mine, theirs, than);
  if (mine.length !== theirs.length) {
    const files = (inputs: Inputs) => new Set(inputs.map((i) => i.file));
    const [mineOnly] = [...files(mine)].filter((file) => !files(theirs).has(file));
    const [theirsOnly] = [...files(theirs)].filter((file) => !files(mine).has(file));
    const which =
      mineOnly !== undefined
        ? ` (${show(mineOnly)} is only in it)`
        : theirsOnly !== undefined
          ? ` (${show(theirsOnly)} is only in ${than})`
          : '';
    return `it has ${countOf(mine.length, 'input', 'inputs')}, ${than}'s has ${theirs.length}${which}`;
  }
  for (const [i, input] of mine.entries()) {
    const other = theirs[i];
    if (!same(input.file, other?.file)) {
      return clause(`input ${i + 1}`, input.file, other?.file, than);
    }
    if (!same(input.sha256, other?.sha256)) {
      return `its SHA-256 of ${show(input.file)} is ${shortHash(input.sha256)}, ${than}'s is ${shortHash(other?.sha256)}`;
    }
  }
  return undefined;
}

function casesClauses(
  mine: SearchHeader['cases'],
  theirs: SearchHeader['cases'],
  than: string,
): string[] {
  if (typeof mine !== 'object' || typeof theirs !== 'object' || mine === null || theirs === null) {
    return same(mine, theirs) ? [] : [clause('cases', mine, theirs, than)];
  }
  const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])];
  return keys
    .filter((key) => !same(mine[key], theirs[key]))
    .map((key) => clause(`cases.${key}`, mine[key] ?? '(none)', theirs[key] ?? '(none)', than));
}

/**
 * Says how a shard's header differs from the first shard's, ignoring the shard itself.
 * @param mine - the header refused
 * @param theirs - the first shard's header
 * @param than - the first shard's file name
 * @returns each difference, e.g. `its version is 0.1.0, a.ndjson's is 0.2.0`, joined by `; `
 */
export function describeHeaderDifference(
  mine: SearchHeader,
  theirs: SearchHeader,
  than: string,
): string {
  const clauses: string[] = [];
  for (const field of ['tool', 'version', 'command'] as const) {
    if (!same(mine[field], theirs[field]))
      clauses.push(clause(field, mine[field], theirs[field], than));
  }
  const inputs = inputsClause(mine.inputs, theirs.inputs, than);
  if (inputs !== undefined) clauses.push(inputs);
  clauses.push(...casesClauses(mine.cases, theirs.cases, than));
  // Only the order of the fields can be left: dispatchsim always writes them in one order.
  return clauses.length > 0 ? clauses.join('; ') : 'the same fields in another order';
}
