// Test support: an endpoint whose TCP connections are never established — a listener whose accept queue is full,
// so the kernel drops every further SYN and a client's connect hangs, as it does when a network path is lost.
// Nothing can be sent over such a connection: what a client does then is knowable, unlike a timeout after sending.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

/** Listens with a backlog of 1 (Node takes 0 for its default of 511), then blocks its event loop: nothing is accepted. */
const LISTENER = `
const server = require('node:net').createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);
});
`;

export class UnconnectableEndpoint {
  private constructor(
    private readonly listener: ChildProcess,
    private readonly fillers: Socket[],
    readonly endpoint: string,
  ) {}

  static async start(): Promise<UnconnectableEndpoint> {
    const listener = spawn(process.execPath, ['-e', LISTENER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      listener.once('error', reject);
      listener.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    });
    // Connections fill the accept queue until one is left hanging: from then on, every connect hangs.
    const fillers: Socket[] = [];
    for (let attempt = 0; attempt < 16; attempt += 1) {
      const socket = connect(port, '127.0.0.1').on('error', () => undefined);
      fillers.push(socket);
      const connected = await new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        setTimeout(() => resolve(false), 300);
      });
      if (!connected) return new UnconnectableEndpoint(listener, fillers, `http://127.0.0.1:${port}`);
    }
    listener.kill();
    for (const socket of fillers) socket.destroy();
    throw new Error('the accept queue never filled: connects to the test listener do not hang on this machine');
  }

  stop(): void {
    for (const socket of this.fillers) socket.destroy();
    this.listener.kill('SIGKILL');
  }
}
