// workloadViasOf: the vias a scenario's clients send: its `workload.vias`, or one per app,
// `<baseAddress>/service.svc`, each weighted 1, when it lists none.

import type { Scenario } from './scenario-schema.js';

/**
 * @param scenario - a validated scenario
 * @returns the vias its workload sends, with their weights
 */
export function workloadViasOf(scenario: Scenario): NonNullable<Scenario['workload']['vias']> {
  return (
    scenario.workload.vias ??
    scenario.apps.map((app) => ({
      via: `${app.baseAddress.replace(/\/?$/, '/')}service.svc`,
      weight: 1,
    }))
  );
}
