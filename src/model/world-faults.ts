// WorldFaults: the timed faults of the plan, which happen to workers, pools, applications
// and services at given instants (domain §6, §7), scheduled before the run starts with
// control priority, so that at an equal instant they act before sessions do.

import { sample } from '../core/distribution.js';
import { ms } from '../core/millis.js';
import { TimerPriority } from '../core/virtual-clock.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { FaultRule } from '../scenario/fault-schema.js';
import type { SelfHost } from './self-host.js';
import type { ServiceControl } from './service-control.js';
import type { WasConnection } from './was-connection.js';
import type { WasHost } from './was-host.js';
import type { WorkerProcess } from './worker-process.js';
import type { AppRuntime, World } from './world.js';

interface Hosts {
  readonly was: WasHost;
  readonly wasConnection: WasConnection;
  readonly self: SelfHost;
  readonly services: ServiceControl;
}

type TargetedRule = Extract<FaultRule, { target: unknown }>;

/**
 * Schedules every timed rule of the plan. Session rules are left to the injector.
 * @param world - the machine
 * @param rules - the fault plan
 * @param faults - counts the faults that fire
 * @param hosts - who applies them
 * @param originMs - the instant the rules' `atMs` and `fromMs` count from (`serve
 *   --timed-faults-from first-connection`) @default 0
 */
export function scheduleWorldFaults(
  world: World,
  rules: readonly FaultRule[],
  faults: FaultInjector,
  hosts: Hosts,
  originMs = 0,
): void {
  const at = (atMs: number, action: () => void): void => {
    // Stryker disable next-line StringLiteral: a timer's owner only names it in a livelock error
    world.clock.scheduleAt(ms(originMs + atMs), action, TimerPriority.control, 'fault-plan');
  };
  const appsOf = (rule: TargetedRule): AppRuntime[] =>
    [...world.apps.values()].filter(
      (app) =>
        (rule.target.app === undefined || app.name === rule.target.app) &&
        (rule.target.pool === undefined || app.pool?.spec.name === rule.target.pool),
    );
  for (const rule of rules) {
    switch (rule.kind) {
      case 'worker-crash':
        // One process crashes: for a WAS app, a worker process of its pool (the rule's
        // `worker` is the process's ordinal in the pool), taking every application's
        // registration in it; for a self-hosted app, one of its own processes.
        at(rule.atMs, () => {
          for (const app of appsOf(rule)) {
            if (app.hosting === 'was') {
              const process = hosts.was.pickProcess(app, rule.target.worker);
              if (process === undefined) continue;
              faults.note(rule);
              hosts.was.crash(process);
              return;
            }
            const worker = pickWorker(app.workers, rule.target.worker);
            if (worker === undefined) continue;
            faults.note(rule);
            hosts.self.crash(app, worker);
            return;
          }
        });
        break;
      case 'queue-paused':
      case 'protocol-disabled': {
        const apply = (delta: 1 | -1): void => {
          for (const app of appsOf(rule)) {
            if (rule.kind === 'queue-paused') app.paused += delta;
            // Stryker disable next-line ConditionalExpression: isAppEnabled ignores protocolDisabled for a self-hosted application, so blocking one changes nothing
            else if (app.hosting === 'was') hosts.was.setProtocolBlocked(app, delta === 1);
          }
        };
        at(rule.fromMs, () => {
          faults.note(rule);
          apply(1);
        });
        if (rule.toMs !== undefined) at(rule.toMs, () => apply(-1));
        break;
      }
      case 'service-pause':
        at(rule.fromMs, () => {
          faults.note(rule);
          hosts.services.setPaused(rule.service, true);
        });
        if (rule.toMs !== undefined)
          at(rule.toMs, () => hosts.services.setPaused(rule.service, false));
        break;
      case 'service-stop':
        at(rule.atMs, () => {
          faults.note(rule);
          hosts.services.stop(rule.service);
        });
        if (rule.restartAfterMs !== undefined) {
          at(rule.atMs + rule.restartAfterMs, () => hosts.services.restart(rule.service));
        }
        break;
      case 'app-pool-stop': {
        const pool = world.pools.get(rule.pool);
        // Stryker disable next-line ConditionalExpression: validateScenario refuses a rule naming an unknown pool
        if (pool === undefined) break;
        at(rule.atMs, () => {
          faults.note(rule);
          hosts.was.stopPool(pool);
        });
        if (rule.restartAfterMs !== undefined) {
          at(rule.atMs + rule.restartAfterMs, () => hosts.was.startPool(pool));
        }
        break;
      }
      case 'app-pool-recycle': {
        const pool = world.pools.get(rule.pool);
        // Stryker disable next-line ConditionalExpression: validateScenario refuses a rule naming an unknown pool
        if (pool === undefined) break;
        at(rule.atMs, () => {
          faults.note(rule);
          hosts.was.recycle(pool, rule.overlapped, sample(rule.shutdownMs, faults.samplesOf(rule)));
        });
        break;
      }
      case 'was-disconnect':
        at(rule.atMs, () => {
          faults.note(rule);
          hosts.wasConnection.disconnect(rule.reconnectAfterMs);
        });
        break;
      default:
        // Session and worker rules are decided by the injector at the pipeline's hooks.
        break;
    }
  }
}

function pickWorker(
  workers: readonly WorkerProcess[],
  ordinal: number | undefined,
): WorkerProcess | undefined {
  // Stryker disable next-line MethodExpression,ConditionalExpression,StringLiteral: an exited worker is already gone from app.workers (SelfHost's exit)
  const live = workers.filter((worker) => worker.state !== 'exited');
  if (ordinal !== undefined) return live.find((worker) => worker.ordinal === ordinal);
  // Stryker disable next-line ArrowFunction: a self-hosted application has one live process (a second one's registration conflicts and it exits), so the first live one is the registered one
  return live.find((worker) => worker.isRegistered) ?? live[0];
}
