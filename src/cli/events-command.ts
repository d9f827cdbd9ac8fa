// `dispatchsim events`: the event catalogue as an aligned table (domain §2.1, §2.3).

import { eventCatalog } from '../events/event-catalog.js';
import { formatEventTable } from '../report/event-table.js';
import type { TextStyle } from '../report/text-style.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';

/**
 * Runs `dispatchsim events`.
 * @param io - the outside world
 * @param style - colours for stdout
 * @returns 0
 */
export function eventsCommand(io: CliIo, style: TextStyle): ExitCode {
  io.stdout(formatEventTable(eventCatalog, style));
  return exitCodes.ok;
}
