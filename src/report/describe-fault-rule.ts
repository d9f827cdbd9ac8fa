// A fault rule in one line, for the run report's "never fired" lines: its place in the plan,
// its kind and id, and the fields that decide when it fires (STYLE §5.6).

import type { FaultRule } from '../scenario/fault-schema.js';

/** The fields of a fault rule, besides its target, that decide when it fires. */
const NARROWING_FIELDS = [
  'nthSession',
  'atMs',
  'fromMs',
  'toMs',
  'probability',
  'count',
  'pool',
  'service',
] as const;

/**
 * @param rule - a rule of the fault plan
 * @param index - its place in the plan
 * @returns it as a user wrote it, with the fields that narrow when it fires, e.g.
 *   `faults[1] duplicate-handle-failure (nthSession 10, target app orders)`
 */
export function describeFaultRule(rule: FaultRule, index: number): string {
  const narrowing: string[] = [];
  for (const field of NARROWING_FIELDS) {
    const value = (rule as Partial<Record<(typeof NARROWING_FIELDS)[number], unknown>>)[field];
    if (typeof value !== 'number' && typeof value !== 'string') continue;
    if (field === 'probability' && value === 1) continue;
    narrowing.push(`${field} ${value}`);
  }
  if ('target' in rule) {
    for (const field of ['app', 'via', 'pool', 'worker'] as const) {
      const value = rule.target[field];
      if (value !== undefined) narrowing.push(`target ${field} ${String(value)}`);
    }
  }
  const id = rule.id === undefined ? '' : ` '${rule.id}'`;
  const fields = narrowing.length === 0 ? '' : ` (${narrowing.join(', ')})`;
  return `faults[${index}] ${rule.kind}${id}${fields}`;
}
