import { createServer } from 'node:net';

/**
 * A loopback port that refuses connections: the OS hands out a free port, which is closed again at once,
 * so a client connecting to it gets ECONNREFUSED (nothing else listens on an ephemeral port that quickly).
 */
export function findClosedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
