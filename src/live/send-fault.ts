// Writing a framing fault the way SMSvcHost does (InitialServerConnectionReader.SendFault,
// net-framing.md A2, domain §3.4): the fault record, then the send side shut down (a FIN, no
// End record), then the client's bytes read and discarded until its EOF, at most 64 KB
// within one minute, then the socket closed; an error on the way is an abort.

import type { Socket } from 'node:net';
import { encodeFault } from './net-framing.js';

/** SMSvcHost's `SharedMaxDrainSize`: bytes read and discarded after a fault. */
export const MAX_DRAIN_BYTES = 65_536;
/** SMSvcHost's drain budget (`SharedSendTimeout`, the default one-minute SendTimeout). */
export const DRAIN_TIMEOUT_MS = 60_000;

/**
 * @param socket - a connection this process owns (paused or flowing)
 * @param fault - the fault name, e.g. `EndpointNotFound`
 */
export function sendFaultAndClose(socket: Socket, fault: string): void {
  let drained = 0;
  const timer = setTimeout(() => socket.resetAndDestroy(), DRAIN_TIMEOUT_MS);
  timer.unref();
  const done = (): void => {
    clearTimeout(timer);
    socket.destroy();
  };
  socket.removeAllListeners('data');
  socket.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) {
      clearTimeout(timer);
      socket.resetAndDestroy();
    }
  });
  socket.once('end', done);
  socket.once('error', () => {
    clearTimeout(timer);
    socket.destroy();
  });
  socket.once('close', () => clearTimeout(timer));
  socket.end(encodeFault(fault));
  socket.resume();
}
