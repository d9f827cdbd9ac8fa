// Records as a library user may build them by hand, and text JSON or XML must escape: what the
// trace writers' byte-for-byte tests feed them (issue 12).
import fc from 'fast-check';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';

/**
 * @param fields - the fields that differ from a plain 4031
 * @returns an event record built by hand, not by the bus
 */
export function handMadeEvent(fields: Record<string, unknown>): DispatchEvent {
  return {
    seq: 1,
    atMs: 0,
    id: 4031,
    name: 'DispatchSessionFailed',
    level: 'Error',
    channel: 'Operational',
    keywords: '0x0',
    task: 'Dispatch',
    opcode: 'Info',
    message: 'Dispatching session failed.',
    payload: Object.freeze({ AppDomain: 'SMSvcHost.exe' }),
    annotations: {},
    ...fields,
  } as unknown as DispatchEvent;
}

/**
 * Text JSON must escape: quotes, backslashes, control characters, lone surrogates, characters
 * beyond the BMP.
 */
export const awkwardText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\n', '\u2028', '\ud800', '</script>', '😀', ''),
);
