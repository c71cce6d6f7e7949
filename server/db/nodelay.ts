// neo4j-driver buffers a Bolt message in 1,400-byte chunks and leaves Nagle's algorithm on. A statement longer
// than that (the blast radius, the neighbourhood, the incidents page) goes out in two writes, and the second
// waits for the acknowledgement of the first, which the receiving side delays by up to 40 ms: every such query
// paid ~40 ms before Neo4j saw it (docs/performance.md, "Nagle"). TCP_NODELAY on the driver's sockets removes it.
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

let installed = false;

/**
 * Turns Nagle's algorithm off for every TCP client socket this process opens from now on (Node's
 * `net.client.socket` channel), which includes the driver's plain Bolt connections. Other clients in the
 * process (fetch, http) already do the same. TLS connections (neo4j+s://) are not created through
 * `net.connect` and keep the default. Idempotent.
 */
export function sendWithoutDelay(): void {
  if (installed) return;
  installed = true;
  subscribe('net.client.socket', (message) => {
    (message as { socket: Socket }).socket.setNoDelay(true);
  });
}
