// Adapter test against the real SES endpoint: raw MIME from MailComposer, one-click headers, and a stuck endpoint.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SESClient } from '@aws-sdk/client-ses';
import { createAwsClients } from '../../lambdas/adapters/aws-clients';
import { composeMime, SesMailer } from '../../lambdas/adapters/ses-mailer';
import { MailOutcomeUnknownError, MailRefusedError } from '../../lambdas/core/domain/errors';
import { listUnsubscribeHeaders } from '../../lambdas/core/domain/list-unsubscribe';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lambdas/local/local-stack';
import { emailsTo } from '../../lambdas/local/ses-inbox';
import { localClients, localServices, uniqueAddress } from '../support/local-services';
import { UnconnectableEndpoint } from '../support/unconnectable-endpoint';

const runFile = promisify(execFile);
const clients = localClients();

/**
 * One send in a plain Node process (send-once.ts says why), through the functions' own client and mailer: how the
 * mailer classified what happened.
 */
async function sendOnceOutsideJest(sesEndpoint: string): Promise<{ outcome: string; message: string }> {
  const script = join(__dirname, '..', 'support', 'send-once.ts');
  const { stdout } = await runFile(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify({ sesEndpoint, timeoutMs: 5_000 })],
    { cwd: join(__dirname, '..', '..') },
  );
  return JSON.parse(stdout) as { outcome: string; message: string };
}
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

const email = (to: string) => ({
  to,
  subject: 'موجز الأسبوع',
  html: '<html lang="ar" dir="rtl"><body><p dir="rtl">مرحبا بالقراء</p></body></html>',
  text: 'مرحبا بالقراء',
  headers: listUnsubscribeHeaders('https://api.mujaz.test/unsubscribe?token=abc'),
});

describe('SesMailer', () => {
  it('delivers a multipart message that the SES endpoint stores with both parts', async () => {
    const to = uniqueAddress('ses');
    const archived: string[] = [];
    const mailer = new SesMailer(clients.ses, {
      from: 'موجز <digest@example.com>',
      timeoutMs: 5_000,
      onSent: async (raw, messageId) => void archived.push(`${messageId}:${raw.length}`),
    });
    const { messageId } = await mailer.send(email(to));

    const [stored] = await emailsTo(localServices().sesEndpoint, to);
    expect(stored).toMatchObject({ messageId, subject: 'موجز الأسبوع' });
    expect(stored!.from).toContain('digest@example.com');
    expect(stored!.body.html).toContain('<p dir="rtl">مرحبا بالقراء</p>');
    expect(stored!.body.text?.trim()).toBe('مرحبا بالقراء');
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatch(new RegExp(`^${messageId}:\\d+$`, 'u'));
  });

  it('builds the RFC 8058 headers into the raw message (the SES endpoint does not keep headers)', async () => {
    const raw = (await composeMime('digest@example.com', email('reader@example.com'))).toString('utf8');
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).toMatch(/^List-Unsubscribe: <https:\/\/api\.mujaz\.test\/unsubscribe\?token=abc>$/mu);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/mu);
    expect(headers).toMatch(/^Message-ID: <.+@example\.com>$/mu);
    expect(headers).toMatch(/^Date: /mu);
    expect(headers).toMatch(/^Content-Type: multipart\/alternative;/mu);
  });

  describe('against an endpoint that never answers', () => {
    let stuck: Server;
    beforeAll(async () => {
      stuck = createServer(() => undefined); // accepts the request, never responds
      await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      stuck.closeAllConnections();
      await new Promise((resolve) => stuck.close(resolve));
    });

    it('gives up after the configured timeout instead of hanging the send', async () => {
      const ses = new SESClient({
        region: LOCAL_REGION,
        credentials: { ...LOCAL_CREDENTIALS },
        endpoint: `http://127.0.0.1:${(stuck.address() as AddressInfo).port}`,
        maxAttempts: 1,
      });
      const mailer = new SesMailer(ses, { from: 'digest@example.com', timeoutMs: 300 });
      const failure = await mailer.send(email('reader@example.com')).catch((error: unknown) => error);
      // The request went out and no answer came: SES may have the message, so it must not be sent again.
      expect(failure).toBeInstanceOf(MailOutcomeUnknownError);
      expect((failure as Error).message).toMatch(/timeout/iu);
      ses.destroy();
    }, 10_000);
  });

  describe('against an endpoint whose certificate cannot be trusted', () => {
    let untrusted: TlsServer;
    let requests = 0;
    beforeAll(async () => {
      const fixtures = join(__dirname, '..', 'fixtures', 'tls');
      untrusted = createTlsServer(
        {
          cert: readFileSync(join(fixtures, 'untrusted-self-signed-cert.pem')),
          key: readFileSync(join(fixtures, 'untrusted-self-signed-key.pem')),
        },
        (_request, response) => {
          requests += 1;
          response.end();
        },
      );
      await new Promise<void>((resolve) => untrusted.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      untrusted.closeAllConnections();
      await new Promise((resolve) => untrusted.close(resolve));
    });

    it('reports the message refused: the handshake failed before the request was written', async () => {
      expect(await sendOnceOutsideJest(`https://127.0.0.1:${(untrusted.address() as AddressInfo).port}`)).toEqual({
        outcome: 'MailRefusedError',
        message: 'DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate',
      });
      expect(requests).toBe(0);
    }, 20_000);
  });

  it('reports the message refused when the connection is refused: nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expect(await sendOnceOutsideJest(`http://127.0.0.1:${port}`)).toEqual({
      outcome: 'MailRefusedError',
      message: expect.stringMatching(/^ECONNREFUSED: /u),
    });
  }, 20_000);

  describe('against an endpoint that never takes the connection', () => {
    let unconnectable: UnconnectableEndpoint;
    beforeAll(async () => {
      unconnectable = await UnconnectableEndpoint.start();
    });
    afterAll(() => unconnectable.stop());

    it('reports the message refused, to be tried again, well before the send timeout: nothing left for SES', async () => {
      // The clients the functions use, so that their connect timeout is the one tested.
      const { ses, dynamo, sqs } = createAwsClients({
        region: LOCAL_REGION,
        credentials: { ...LOCAL_CREDENTIALS },
        sesEndpoint: unconnectable.endpoint,
      });
      const mailer = new SesMailer(ses, { from: 'digest@example.com', timeoutMs: 8_000 });
      const started = Date.now();
      const failure = await mailer.send(email('reader@example.com')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MailRefusedError);
      expect((failure as MailRefusedError).throttled).toBe(false);
      expect((failure as Error).message).toMatch(/connection/iu);
      expect(Date.now() - started).toBeLessThan(8_000);
      for (const client of [ses, dynamo, sqs]) client.destroy();
    }, 15_000);
  });
});
