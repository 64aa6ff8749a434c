// Test support: an endpoint whose TCP connections are not established — a listener whose accept queue is full, so
// the kernel drops every further SYN and a client's connect hangs, as it does when a network path is lost. Nothing
// can be sent over such a connection: what a client does then is knowable, unlike a timeout after sending.
// `open()` brings the path back: from then on the endpoint takes connections and forwards them.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

/**
 * Listens with a backlog of 1 (Node takes 0 for its default of 511), then blocks its event loop on reading standard
 * input, so that nothing is accepted until a byte comes; from then on each connection is piped to UPSTREAM
 * (host:port), or closed when there is none.
 */
const LISTENER = `
const net = require('node:net');
const upstream = process.env.UPSTREAM ? new URL('tcp://' + process.env.UPSTREAM) : undefined;
const server = net.createServer((socket) => {
  socket.on('error', () => undefined);
  if (!upstream) return socket.destroy();
  const onward = net.connect(Number(upstream.port), upstream.hostname).on('error', () => socket.destroy());
  socket.on('close', () => onward.destroy());
  socket.pipe(onward).pipe(socket);
});
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  for (;;) {
    try {
      require('node:fs').readSync(0, Buffer.alloc(1));
      break;
    } catch (error) {
      if (error.code !== 'EAGAIN') break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
});
`;

export interface UnconnectableOptions {
  /** Where connections go once the path is open again (an http:// endpoint). */
  forwardTo: string;
}

export class UnconnectableEndpoint {
  private constructor(
    private readonly listener: ChildProcess,
    private readonly fillers: Socket[],
    readonly endpoint: string,
  ) {}

  static async start(options?: UnconnectableOptions): Promise<UnconnectableEndpoint> {
    const listener = spawn(process.execPath, ['-e', LISTENER], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...(options ? { UPSTREAM: new URL(options.forwardTo).host } : {}) },
    });
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
      if (!connected) {
        // Two more, in case that one's connect event was only late on a busy machine: the queue is full either way.
        for (let spare = 0; spare < 2; spare += 1)
          fillers.push(connect(port, '127.0.0.1').on('error', () => undefined));
        return new UnconnectableEndpoint(listener, fillers, `http://127.0.0.1:${port}`);
      }
    }
    listener.kill('SIGKILL');
    for (const socket of fillers) socket.destroy();
    throw new Error('the accept queue never filled: connects to the test listener do not hang on this machine');
  }

  /** The path comes back: the connections waiting are taken, and every later one opens at once. */
  open(): void {
    this.listener.stdin!.write('o');
  }

  stop(): void {
    for (const socket of this.fillers) socket.destroy();
    this.listener.kill('SIGKILL');
  }
}
