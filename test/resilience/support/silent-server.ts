import { createServer, type Socket } from 'node:net';

/** A TCP server that accepts connections and never answers: a service that hangs. */
export interface SilentServer {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** How many connections were accepted. */
  readonly connections: () => number;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

/** Starts a {@link SilentServer} on an ephemeral loopback port. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Read and discard, so the client's request is fully sent and only the answer is missing.
    socket.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
