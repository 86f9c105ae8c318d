// The part of the `smpp` package (node-smpp, SMPP 3.4/5.0 client and server) that IrisDesk and its tests use;
// the package ships no types. PDU fields are named as in the SMPP specification.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  export interface Pdu {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
  }

  export const PDU: new (command: string, options?: Record<string, unknown>) => Pdu;

  export interface Session extends EventEmitter {
    send(pdu: Pdu, responseCallback?: (response: Pdu) => void, sendCallback?: (pdu: Pdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: { url: string; auto_enquire_link_period?: number; connectTimeout?: number }, listener?: () => void): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;

  const smpp: {
    PDU: typeof PDU;
    connect: typeof connect;
    createServer: typeof createServer;
    [constant: string]: unknown;
  };
  export default smpp;
}
