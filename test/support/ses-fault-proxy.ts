// Test support: an HTTP proxy in front of the local SES endpoint that injects the faults SES shows in real life —
// throttling and 5xx answers (nothing sent), and answers lost after SES took the message (reset, timeout).
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * pass: forwarded, answer relayed. slow-pass: forwarded, answer relayed half a second later (a slow SES, which
 * keeps messages in flight). throttle / unavailable: answered by the proxy, never forwarded (not sent).
 * reset-after-send: forwarded, then the connection is cut before the answer. hang-after-send: forwarded, and
 * no answer ever comes.
 */
export type Fault = 'pass' | 'slow-pass' | 'throttle' | 'unavailable' | 'reset-after-send' | 'hang-after-send';

/** What the proxy knows of a request: its place in the sequence and the recipient of the message it carries. */
export interface ProxiedRequest {
  sequence: number;
  recipient: string | undefined;
}

const THROTTLING = `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`;
const UNAVAILABLE = `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>Service is unavailable.</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`;

export class SesFaultProxy {
  /** Every fault injected, by kind. */
  readonly injected: Record<Fault, number> = {
    pass: 0,
    'slow-pass': 0,
    throttle: 0,
    unavailable: 0,
    'reset-after-send': 0,
    'hang-after-send': 0,
  };
  private sequence = 0;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    private readonly upstream: URL,
    private readonly plan: (request: ProxiedRequest) => Fault,
  ) {}

  static async start(upstream: string, plan: (request: ProxiedRequest) => Fault): Promise<SesFaultProxy> {
    let proxy: SesFaultProxy | undefined;
    const server = createServer((req, res) => void proxy?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    proxy = new SesFaultProxy(server, `http://127.0.0.1:${port}`, new URL(upstream), plan);
    return proxy;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    this.sequence += 1;
    const fault = this.plan({ sequence: this.sequence, recipient: recipientOf(body) });
    this.injected[fault] += 1;
    if (fault === 'throttle') return void res.writeHead(400, { 'content-type': 'text/xml' }).end(THROTTLING);
    if (fault === 'unavailable') return void res.writeHead(503, { 'content-type': 'text/xml' }).end(UNAVAILABLE);
    const answer = await this.forward(req, body);
    if (fault === 'reset-after-send') return void req.socket.destroy();
    if (fault === 'hang-after-send') return void this.hanging.add(res);
    if (fault === 'slow-pass') await new Promise((resolve) => setTimeout(resolve, 500));
    if (res.destroyed) return;
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  private forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const upstream = request(
        {
          host: this.upstream.hostname,
          port: this.upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: this.upstream.host },
        },
        async (response) => {
          const chunks: Buffer[] = [];
          for await (const chunk of response) chunks.push(chunk as Buffer);
          const headers = Object.fromEntries(
            Object.entries(response.headers).filter(
              (entry): entry is [string, string | string[]] => entry[1] !== undefined,
            ),
          );
          resolve({ status: response.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

/** The To address of the raw message in a SendRawEmail request (Query protocol, form-encoded). */
function recipientOf(body: Buffer): string | undefined {
  const data = new URLSearchParams(body.toString('utf8')).get('RawMessage.Data');
  if (!data) return undefined;
  return /^To: (.+)$/mu.exec(Buffer.from(data, 'base64').toString('utf8'))?.[1]?.trim();
}
