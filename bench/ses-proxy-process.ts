// `npm run bench` helper: the SES fault proxy in a process of its own, so that when it counts what SES got in each
// second, its clock is not held up by the senders it measures. Argument: {upstream, throttled, unavailable} (the
// shares of calls answered with Throttling and with a 503). Prints one line, {endpoint, stats}; GET <stats>/
// answers {attempts: [[second, count]], accepted: [[second, count]], perRecipient: {address: count}, refused}.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Fault, SesFaultProxy } from '../test/support/ses-fault-proxy';

const { upstream, throttled, unavailable } = JSON.parse(process.argv[2] ?? '{}') as {
  upstream: string;
  throttled: number;
  unavailable: number;
};
const attempts = new Map<number, number>();
const accepted = new Map<number, number>();
const perRecipient = new Map<string, number>();
const count = (perSecond: Map<number, number>, second: number) =>
  perSecond.set(second, (perSecond.get(second) ?? 0) + 1);

(async () => {
  const proxy = await SesFaultProxy.start(upstream, ({ recipient }): Fault => {
    const second = Math.floor(Date.now() / 1000);
    count(attempts, second);
    const draw = Math.random();
    if (draw < throttled) return 'throttle';
    if (draw < throttled + unavailable) return 'unavailable';
    count(accepted, second);
    if (recipient) perRecipient.set(recipient, (perRecipient.get(recipient) ?? 0) + 1);
    return 'pass';
  });
  const stats = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        attempts: [...attempts],
        accepted: [...accepted],
        perRecipient: Object.fromEntries(perRecipient),
        refused: proxy.injected.throttle + proxy.injected.unavailable,
      }),
    );
  });
  await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
  const { port } = stats.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ endpoint: proxy.endpoint, stats: `http://127.0.0.1:${port}` })}\n`);
  process.stdin.resume();
  // The parent's end of the pipe closing is the signal to go.
  process.stdin.on('end', () => process.exit(0));
})();
