// SimulationAlreadyRunError: `run()` called a second time on one Simulation (a misuse, STYLE
// rule 22). A run consumes its clock, PRNG streams and ledger, so it cannot be repeated;
// the same scenario and seed in a new Simulation replay it exactly.

import { DispatchsimError } from './dispatchsim-error.js';

/** A second `run()` of one Simulation. */
export class SimulationAlreadyRunError extends DispatchsimError {
  /** The name of the simulation's scenario. */
  readonly scenario: string;
  /** The seed the simulation runs with. */
  readonly seed: number;

  /**
   * @param fields - the scenario's name and the seed of the simulation run twice
   */
  constructor(fields: { scenario: string; seed: number }) {
    super(
      'sim.already-run',
      `Simulation.run() was already called for scenario '${fields.scenario}' (seed ${fields.seed}): a Simulation runs once; create another with createSimulation to run again`,
    );
    this.scenario = fields.scenario;
    this.seed = fields.seed;
  }
}
