// The local runtime as a user meets it: `npm run demo` end to end, and the local stack's own guarantees.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { summarizableText } from '../../lambdas/core/domain/report';
import { parsePlainTextReport } from '../../lambdas/core/domain/report-submission';
import { summarize } from '../../lambdas/core/domain/summarizer';
import { startLocalRuntime } from '../../lambdas/local/local-runtime';
import { freePort, startLocalStack } from '../../lambdas/local/local-stack';
import { emailsTo } from '../../lambdas/local/ses-inbox';
import { localServices, uniqueAddress } from '../support/local-services';
import { silentLogger } from '../support/silent-logger';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('npm run demo', () => {
  it('exits 0 and leaves out/digest.eml holding the Arabic summary and the sample feed’s items in a right-to-left HTML part', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'lambdas', 'local', 'demo.ts')], {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect(stdout).toContain('Mujaz demo finished');
    expect(stdout).toMatch(
      /edition 1 sent to 1 of 1 reader\(s\) through the delivery queue; sending again found no new report/u,
    );
    const feed = readFileSync(join(ROOT, 'samples', 'feed-ar.xml'), 'utf8');
    const feedName = /<channel>\s*<title>([^<]+)<\/title>/u.exec(feed)![1]!;
    const itemTitles = [...feed.matchAll(/<item>\s*<title>([^<]+)<\/title>/gu)].map((match) => match[1]!);
    expect(itemTitles).toHaveLength(3);
    expect(stdout).toMatch(
      new RegExp(
        `feed registered as source (\\S+): ${feedName} \\(http://127\\.0\\.0\\.1:\\d+/feed-ar\\.xml\\); its first poll is queued\n• feed polled through the poll queue: 3 item\\(s\\) stored as reports \\(GET /sources/\\1\\)`,
        'u',
      ),
    );
    expect(stdout).toMatch(/reports stored: {8}4: 1 posted \(.+\), 3 from the feed$/mu);

    const eml = readFileSync(join(ROOT, 'out', 'digest.eml'), 'utf8');
    expect(eml).toMatch(/^To: reader@example\.com$/mu);
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/mu);
    const htmlPart =
      /Content-Type: text\/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/u.exec(
        eml,
      )?.[1];
    expect(htmlPart).toBeDefined();
    const html = Buffer.from(htmlPart!.replace(/\s+/gu, ''), 'base64').toString('utf8');
    expect(html).toMatch(/<html[^>]*lang="ar"[^>]*dir="rtl"/u);

    const sample = parsePlainTextReport(readFileSync(join(ROOT, 'samples', 'report-ar.txt'), 'utf8'));
    const expectedSummary = summarize(summarizableText(sample), { language: 'ar', title: sample.title }).sentences;
    for (const sentence of expectedSummary) expect(html).toContain(sentence);
    // The feed's items went out in the same edition, under the feed's name.
    for (const title of itemTitles) expect(html).toContain(title);
    expect(html).toContain(feedName);
    expect(readFileSync(join(ROOT, 'out', 'digest.html'), 'utf8')).toContain(expectedSummary[0]);
  }, 90_000);
});

describe('the local stack', () => {
  it('says in one line that Java is missing, before starting anything', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startLocalStack()).rejects.toThrow(
        /^DynamoDB Local needs Java 17 or newer and `java` is not on PATH: install it \(Debian\/Ubuntu: apt-get install openjdk-17-jre-headless\)\.$/u,
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it('says what is missing when java is too old, or cannot run the source file DynamoDB Local starts from', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'mujaz-java-'));
    const path = process.env.PATH;
    const fakeJava = (modules: string) => {
      writeFileSync(join(bin, 'java'), `#!/bin/sh\nprintf '${modules}'\n`, { mode: 0o755 });
    };
    process.env.PATH = bin;
    try {
      fakeJava('java.base@11.0.2\\n');
      await expect(startLocalStack()).rejects.toThrow(/^DynamoDB Local needs Java 17 or newer; `java` is version 11:/u);
      fakeJava('java.base@17.0.15\\njava.compiler@17.0.15\\n');
      await expect(startLocalStack()).rejects.toThrow(/needs the jdk\.compiler module/u);
    } finally {
      process.env.PATH = path;
      rmSync(bin, { recursive: true });
    }
  });

  it('starts on the ports it is given and frees them when stopped', async () => {
    const [dynamoPort, sesPort] = [await freePort(), await freePort()];
    const stack = await startLocalStack({ dynamoPort, sesPort });
    expect(stack.dynamoEndpoint).toBe(`http://127.0.0.1:${dynamoPort}`);
    expect((await fetch(`${stack.sesEndpoint}/health-check`)).status).toBe(200);
    await stack.stop();
    await expect(fetch(`${stack.sesEndpoint}/health-check`)).rejects.toThrow();
    await expect(fetch(stack.dynamoEndpoint)).rejects.toThrow();
  }, 60_000);

  it('uses services already running instead of starting them, and leaves them running when stopped', async () => {
    const { dynamoEndpoint, sesEndpoint, sqsEndpoint } = localServices();
    const runtime = await startLocalRuntime({
      running: { dynamoEndpoint, sesEndpoint, sqsEndpoint },
      environment: { MUJAZ_TABLE_NAME: `running-${Date.now()}` },
      logger: silentLogger,
    });
    try {
      expect(runtime.sesEndpoint).toBe(sesEndpoint);
      const reader = uniqueAddress('running');
      await runtime.mujaz.subscribe(reader, { via: 'api' });
      expect(await emailsTo(sesEndpoint, reader)).toHaveLength(1);
    } finally {
      await runtime.stop();
    }
    expect((await fetch(`${sesEndpoint}/health-check`)).status).toBe(200);
    await expect(
      startLocalStack({ running: { sesEndpoint: 'http://127.0.0.1:1' }, dynamoPort: await freePort() }),
    ).rejects.toThrow(/the SES endpoint at http:\/\/127\.0\.0\.1:1 did not answer/u);
  }, 60_000);
});
