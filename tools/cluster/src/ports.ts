import { createServer } from 'node:net';

/** Whether 127.0.0.1:port can be listened on now (a listener on 0.0.0.0 takes it too). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The ports among these that something else listens on. */
export async function takenPorts(ports: number[]): Promise<number[]> {
  const free = await Promise.all(ports.map(portFree));
  return ports.filter((_, index) => !free[index]);
}
