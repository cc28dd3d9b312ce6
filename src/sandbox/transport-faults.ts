import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertFault } from './faults.js';

/** The faults that are the same for both alert APIs: they act on the connection, not on the answer's content. */
export type TransportFault = Extract<AlertFault, { kind: 'slow' | 'malformed' | 'disconnect' }>;

/**
 * Applies a transport fault; resolves true when the request is done with (connection dropped, or the client left
 * while the answer was delayed), false when the normal answer follows (after the delay; malformed cuts it later).
 */
export async function applyTransportFault(fault: TransportFault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'disconnect':
      req.socket.destroy();
      return true;
    case 'slow':
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, fault.delayMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return res.destroyed;
    case 'malformed':
      return false;
  }
}
