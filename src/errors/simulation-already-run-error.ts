// SimulationAlreadyRunError: `run()` called a second time on one Simulation (a misuse, STYLE
// rule 22). A run consumes its clock, PRNG streams and ledger, so it cannot be repeated;
// the same scenario and seed in a new Simulation replay it exactly. A listener subscribed
// after the run ended is the same misuse: nothing would ever reach it (user report).

import { DispatchsimError } from './dispatchsim-error.js';

/** A second `run()` of one Simulation, or a subscription after its run ended. */
export class SimulationAlreadyRunError extends DispatchsimError {
  /** The name of the simulation's scenario. */
  readonly scenario: string;
  /** The seed the simulation runs with. */
  readonly seed: number;

  /**
   * @param fields - the scenario's name and the seed of the simulation run twice; for a
   *   subscription after the run, what subscribed (`events.on(4031)`) and what it waited for
   */
  constructor(fields: {
    scenario: string;
    seed: number;
    subscription?: { readonly by: string; readonly awaits: 'event' | 'outcome' } | undefined;
  }) {
    const { subscription } = fields;
    super(
      'sim.already-run',
      subscription === undefined
        ? `Simulation.run() was already called for scenario '${fields.scenario}' (seed ${fields.seed}): a Simulation runs once; create another with createSimulation to run again`
        : `${subscription.by}: the run of scenario '${fields.scenario}' (seed ${fields.seed}) has ended, so no ${subscription.awaits} will come: subscribe before run() (runScenario: its beforeRun option)`,
    );
    this.scenario = fields.scenario;
    this.seed = fields.seed;
  }
}
