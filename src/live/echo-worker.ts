// The worker process of live mode (issue 14), forked by the listener with an IPC channel:
// it takes handed-over sockets, confirms it holds each one (before the listener lets 4030
// be emitted), then serves, faults or resets it as the dispatch's end says (telling the
// listener when a session it serves is refused), and resets a session it serves when the
// model's process it was dispatched to ends. Run as a child process only
// (`child_process.fork`).

import type { Socket } from 'node:net';
import { inspect } from 'node:util';
import { sendFaultAndClose } from './send-fault.js';
import type { FromWorkerMessage, ToWorkerMessage } from './worker-messages.js';
import { WorkerSession } from './worker-session.js';

const held = new Map<number, { readonly socket: Socket; readonly preamble: Buffer }>();
const open = new Set<Socket>();
/** The sessions being served, until their connection closes. */
const serving = new Map<number, Socket>();

// A session closing while the listener goes away has no one to tell: not an error.
function reply(message: FromWorkerMessage): void {
  if (process.connected) process.send?.(message);
}

function onMessage(message: ToWorkerMessage, handle: unknown): void {
  switch (message.type) {
    case 'take': {
      // The socket may close between the send and its arrival (Node's child_process docs).
      const socket = handle as Socket | undefined;
      if (socket === undefined) {
        reply({ type: 'lost', session: message.session });
        return;
      }
      socket.pause();
      socket.on('error', () => undefined);
      // Already closed (see isClientSocketError): its 'close' has been and gone.
      if (!socket.destroyed) {
        open.add(socket);
        socket.once('close', () => open.delete(socket));
      }
      held.set(message.session, { socket, preamble: Buffer.from(message.preamble) });
      reply({ type: 'holding', session: message.session });
      return;
    }
    case 'settle': {
      const taken = held.get(message.session);
      if (taken === undefined) return;
      held.delete(message.session);
      if (message.action === 'serve') {
        const { socket } = taken;
        // The client left before it was served: nothing to serve, nothing to wait for (its
        // 'close' would never come, and the session would stay in both processes' books).
        if (socket.destroyed) {
          reply({ type: 'closed', session: message.session });
          return;
        }
        serving.set(message.session, socket);
        socket.once('close', () => {
          serving.delete(message.session);
          reply({ type: 'closed', session: message.session });
        });
        new WorkerSession(socket, taken.preamble, ({ fault, reason }) => {
          reply({ type: 'refused', session: message.session, fault, reason });
        }).start();
      } else if (message.action === 'fault') sendFaultAndClose(taken.socket, message.fault ?? '');
      else taken.socket.resetAndDestroy();
      return;
    }
    case 'abort':
      serving.get(message.session)?.resetAndDestroy();
      return;
    case 'shutdown':
      shutdown();
      return;
  }
}

// A socket held without a verdict is a session the stop leaves without an outcome: reset, as
// the listener resets those still queued (README "Live mode"); a FIN would read to a WCF client
// as a rejected session. The sessions being served are closed.
function shutdown(): void {
  for (const { socket } of held.values()) socket.resetAndDestroy();
  for (const socket of open) socket.destroy();
  process.disconnect?.();
  process.exit(0);
}

/** The errors of a connection the client reset or abandoned: the client's doing. */
const CLIENT_SOCKET_ERRORS: ReadonlySet<unknown> = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
]);

// A socket handed over by IPC starts reading before its message is emitted, so before
// onMessage can listen for its errors: a client that resets right after its preamble can make
// it fail there, and the unheard 'error' ended the process (user report: 3,000 such clients
// killed both workers, and every later session got ConnectionDispatchFailed). Such an error
// is the client's; the socket is closed, and onMessage finds it destroyed. Anything else
// ends the process as Node would. (The listener also waits for 'ready' before its first
// socket: one sent while this module loaded could fail before this handler existed.)
function isClientSocketError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    CLIENT_SOCKET_ERRORS.has(error.code) &&
    'syscall' in error &&
    (error.syscall === 'read' || error.syscall === 'write')
  );
}

process.on('uncaughtException', (error) => {
  if (isClientSocketError(error)) return;
  process.stderr.write(`${inspect(error)}\n`);
  process.exit(1);
});
process.on('message', onMessage);
reply({ type: 'ready' });
// The listener is gone (it crashed or was killed): nothing is left to serve for.
process.on('disconnect', shutdown);
process.on('SIGINT', () => undefined);
