// A fault kind in words for `dispatchsim explain <fault kind>`: what it does (the README's
// fault rule table, fault-kind-explanations.ts), the events it names to explain next, and the
// bundled scenarios that use it.

import { faultKindExplanations } from '../faults/fault-kind-explanations.js';
import type { FaultKind } from '../scenario/fault-schema.js';
import { wrapText } from './event-explanation.js';
import type { TextStyle } from './text-style.js';

/** The fields every rule decided at a step shares (the README's "the fields above"). */
const SHARED_FIELDS = 'target, fromMs, toMs, nthSession, probability, count';

/** What {@link formatFaultKindExplanation} needs besides the kind. */
export interface FaultKindExplanationOptions {
  readonly style: TextStyle;
  /** The line width. */
  readonly width: number;
  /** The bundled scenarios whose fault plan uses the kind, by name. */
  readonly scenarios: readonly string[];
}

/**
 * @param kind - a fault kind
 * @param options - colours, width and the bundled scenarios that use it
 * @returns its explanation, ending with a newline
 */
export function formatFaultKindExplanation(
  kind: FaultKind,
  options: FaultKindExplanationOptions,
): string {
  const { style, width, scenarios } = options;
  const { fields, nthSessionCounts, whatHappens } = faultKindExplanations[kind];
  // The ETW ids (4 digits) and Event Log ids (`Event Log 8`) the words name, in order.
  const ids = [
    ...new Set([
      ...[...whatHappens.matchAll(/\b([134]\d{3})\b/g)].map((match) => match[1] ?? ''),
      ...[...whatHappens.matchAll(/Event Log (\d+)/g)].map((match) => match[1] ?? ''),
    ]),
  ];
  const section = (title: string, text: string): string[] => [
    '',
    style.bold(title),
    ...wrapText(text, width, '  ', '  '),
  ];
  const lines = [
    `${style.bold(kind)}  a fault kind (faults[].kind)`,
    ...section('What happens when it fires', whatHappens),
    ...section('Its fields besides kind', fields.replace('the fields above', SHARED_FIELDS)),
    ...(nthSessionCounts === '—' ? [] : section('What its nthSession counts', nthSessionCounts)),
    ...(ids.length === 0
      ? []
      : section('The events it names', ids.map((id) => `dispatchsim explain ${id}`).join(', '))),
    ...(scenarios.length === 0
      ? []
      : section(
          scenarios.length === 1 ? 'A bundled scenario with it' : 'Bundled scenarios with it',
          scenarios.map((name) => `dispatchsim run ${name}`).join(', '),
        )),
  ];
  return lines.join('\n') + '\n';
}
