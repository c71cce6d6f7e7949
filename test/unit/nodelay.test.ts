// The driver's sockets must be opened with Nagle's algorithm off (server/db/nodelay.ts): otherwise every Bolt
// message longer than the driver's 1,400-byte chunk waits ~40 ms for a delayed acknowledgement.
import { createServer, connect, Socket, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Db } from '../../server/db/db.ts';

describe('TCP_NODELAY on client sockets', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is set on a client socket once a Db has been created', async () => {
    const server = createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const db = new Db({ uri: `bolt://127.0.0.1:${port}`, database: 'neo4j', queryTimeoutMs: 1000 });
    const spy = vi.spyOn(Socket.prototype, 'setNoDelay');
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    expect(spy.mock.calls.some((call) => call[0] === true || call.length === 0)).toBe(true);
    expect(spy.mock.contexts).toContain(socket);
    socket.destroy();
    await db.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
