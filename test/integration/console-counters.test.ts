// The console's counters on DynamoDB Local, through the use cases and the feedback function as they run: each
// reader's move counted once beside its write — retried, repeated or racing — a send's copies counted as delivered,
// and the overview read back in at most five requests, with a few readers as with many.
import { DynamoConsoleCounts } from '../../lambdas/adapters/dynamo-console-counts';
import { DynamoSubscriberRepository } from '../../lambdas/adapters/dynamo-subscriber-repository';
import { HmacTokenSigner } from '../../lambdas/adapters/hmac-token-signer';
import { awsFeedbackRecorderDeps } from '../../lambdas/composition/aws-table-adapters';
import { composeFeedbackRecorder, snsFeedbackHandler } from '../../lambdas/composition/compose-feedback-recorder';
import { rebuildConsoleCounts } from '../../lambdas/core/use-cases/rebuild-console-counts';
import { linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import {
  createTestMujaz,
  localServices,
  TEST_TOKEN_SECRET,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';
import { silentLogger } from '../support/silent-logger';

const { sesEndpoint } = localServices();
let test: TestMujaz;
let feedbackFunction: (event: unknown) => Promise<{ suppressed: number; dropped: number }>;
/** Each DynamoDB command the code sends (not its HTTP attempts): `Query`, `TransactWriteItems`, … */
const commands: string[] = [];
/** When set, the next write (a transaction or an update) reaches DynamoDB and its answer is lost: the SDK sends it again. */
let loseNextTransactionAnswer = false;

beforeAll(async () => {
  test = await createTestMujaz('counters', { deliveryWorkers: 2 });
  test.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName).replace(/Command$/u, ''));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  // Below the SDK's retry step: the request went through, the answer is lost, the same request is sent again.
  test.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const write = ['TransactWriteItemsCommand', 'UpdateItemCommand'].includes(String(context.commandName));
      if (write && loseNextTransactionAnswer) {
        loseNextTransactionAnswer = false;
        throw Object.assign(new Error('answer lost'), { name: 'TimeoutError' });
      }
      return result;
    },
    { step: 'deserialize', name: 'loseAnAnswer' },
  );
  const feedback = composeFeedbackRecorder(
    awsFeedbackRecorderDeps(test.config, test.clients, { logger: silentLogger }),
  );
  feedbackFunction = snsFeedbackHandler(feedback, silentLogger);
}, 60_000);
afterAll(() => test.close());

const sns = (event: object) => ({ Records: [{ Sns: { Message: JSON.stringify(event) } }] });
const bounce = (email: string) =>
  sns({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: email }] } });
const complaint = (email: string) =>
  sns({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: email }] } });

async function readers() {
  return (await test.mujaz.consoleOverview()).readers;
}

/** The overview, and how many DynamoDB commands it sent. */
async function measuredOverview() {
  commands.length = 0;
  const overview = await test.mujaz.consoleOverview();
  return { overview, requests: commands.length, commands: [...commands].sort() };
}

async function confirmedByLink(email: string, language: 'ar' | 'en'): Promise<void> {
  await test.mujaz.subscribe(email, { via: 'form', language });
  const [mail] = await untilEmailsTo(sesEndpoint, email);
  const token = new URL(linkIn(mail!, '/subscriptions/confirm')!).searchParams.get('token')!;
  await test.mujaz.confirmSubscription(token);
}

it('moves the counters exactly through subscribe → confirm → unsubscribe → suppressed, repeats counting nothing', async () => {
  const before = await readers();
  const email = uniqueAddress('walk');
  await test.mujaz.subscribe(email, { via: 'form', language: 'en' });
  expect(await readers()).toMatchObject({ pending: before.pending + 1, confirmed: before.confirmed });

  const [mail] = await untilEmailsTo(sesEndpoint, email);
  const token = new URL(linkIn(mail!, '/subscriptions/confirm')!).searchParams.get('token')!;
  await test.mujaz.confirmSubscription(token);
  await test.mujaz.confirmSubscription(token);
  const confirmed = await readers();
  expect(confirmed).toMatchObject({ pending: before.pending, confirmed: before.confirmed + 1 });
  const english = (figures: typeof before) => figures.byLanguage.find((entry) => entry.language === 'en')?.readers ?? 0;
  expect(english(confirmed)).toBe(english(before) + 1);

  const stored = await new DynamoSubscriberRepository(test.clients.dynamo, test.tableName).find(email);
  const unsubscribeToken = new HmacTokenSigner(TEST_TOKEN_SECRET).sign({
    purpose: 'unsubscribe',
    subscription: stored!.subscriptionId,
    expiresAt: Date.now() + 3_600_000,
  });
  await test.mujaz.unsubscribe(unsubscribeToken);
  await test.mujaz.unsubscribe(unsubscribeToken);
  const left = await readers();
  expect(left).toMatchObject({ confirmed: before.confirmed, left: before.left + 1, suppressed: before.suppressed });
  expect(english(left)).toBe(english(before));

  // SNS delivers at least once: the same bounce twice, through the feedback function.
  expect(await feedbackFunction(bounce(email))).toEqual({ suppressed: 1, dropped: 0 });
  expect(await feedbackFunction(bounce(email))).toEqual({ suppressed: 0, dropped: 0 });
  const suppressed = await readers();
  expect(suppressed).toMatchObject({ left: before.left, suppressed: before.suppressed + 1, pending: before.pending });
});

it('counts a bounce and a complaint of confirmed readers as departures, and rates them', async () => {
  const { overview: before } = await measuredOverview();
  const [bounced, complained] = [uniqueAddress('bounced'), uniqueAddress('complained')];
  await confirmedByLink(bounced, 'ar');
  await confirmedByLink(complained, 'ar');
  await feedbackFunction(bounce(bounced));
  await feedbackFunction(complaint(complained));
  await feedbackFunction(complaint(complained));
  const { overview } = await measuredOverview();
  expect(overview.feedback).toMatchObject({
    bounced: before.feedback.bounced + 1,
    complained: before.feedback.complained + 1,
  });
  const today = (figures: typeof overview) => figures.netChange.days.at(-1)!;
  expect(today(overview).joined).toBe(today(before).joined + 2);
  expect(today(overview).left).toBe(today(before).left + 2);
  expect(overview.readers.suppressed).toBe(before.readers.suppressed + 2);
});

it('counts a change once when DynamoDB took it and its answer was lost (the SDK sends it again)', async () => {
  const before = await readers();
  loseNextTransactionAnswer = true;
  commands.length = 0;
  const outcome = await test.mujaz.importSubscribers([
    { line: 2, email: uniqueAddress('lost-answer'), language: 'ar', confirmedAt: '2026-01-01T00:00:00Z' },
  ]);
  expect(loseNextTransactionAnswer).toBe(false);
  // Imported or, had the repeat met its own write, skipped: either way the reader is counted once.
  expect(outcome.imported + outcome.skipped).toBe(1);
  expect((await readers()).confirmed).toBe(before.confirmed + 1);
});

it('counts an import, and every one of many readers changed at once', async () => {
  const before = await readers();
  const rows = Array.from({ length: 60 }, (_, index) => ({
    line: index + 2,
    email: uniqueAddress(`import-${index}`),
    ...(index % 3 === 0 ? { language: 'en' } : {}),
    confirmedAt: '2026-01-01T00:00:00Z',
  }));
  // Two imports of overlapping lists at once: 16 rows in flight each, racing on the same counter shards.
  const [first, second] = await Promise.all([
    test.mujaz.importSubscribers(rows.slice(0, 40)),
    test.mujaz.importSubscribers(rows.slice(20)),
  ]);
  expect(first.imported + second.imported).toBe(60);
  const after = await readers();
  expect(after.confirmed).toBe(before.confirmed + 60);
  const none = (figures: typeof before) => figures.byLanguage.find((entry) => entry.language === 'none')?.readers ?? 0;
  expect(none(after)).toBe(none(before) + 40);
});

it('counts a send’s copies as delivered and lists the edition’s outcomes', async () => {
  const { overview: before } = await measuredOverview();
  await test.mujaz.ingestReport({
    title: 'Counted',
    body: 'A report to send. It goes to every confirmed reader.',
    language: 'en',
  });
  const sent = await test.mujaz.sendDigest();
  const progress = await test.untilDone(sent.edition!, 120_000);
  const { overview } = await measuredOverview();
  expect(overview.feedback.delivered).toBe(before.feedback.delivered + progress.counts.sent);
  expect(progress.counts.sent).toBeGreaterThan(60);
  expect(overview.editions[0]).toMatchObject({
    id: sent.edition,
    // As stored: every reader queued (digestProgress calls it done once none is pending).
    state: 'queued',
    counts: { sent: progress.counts.sent, failed: 0, unknown: 0 },
  });
});

it('reads the overview in at most five requests with a few readers and with many', async () => {
  const few = await measuredOverview();
  expect(few.requests).toBeLessThanOrEqual(5);
  const rows = Array.from({ length: 800 }, (_, index) => ({
    line: index + 2,
    email: uniqueAddress(`many-${index}`),
    confirmedAt: '2026-01-01T00:00:00Z',
  }));
  await test.mujaz.importSubscribers(rows);
  const many = await measuredOverview();
  expect(many.overview.readers.confirmed).toBe(few.overview.readers.confirmed + 800);
  expect(many.requests).toBe(few.requests);
  expect(many.commands).toEqual(['BatchGetItem', 'GetItem', 'Query', 'Query', 'Query']);
});

it('rebuilds counters that were never kept from one pass over the readers', async () => {
  const { overview: kept } = await measuredOverview();
  const counts = new DynamoConsoleCounts(test.clients.dynamo, test.tableName);
  await counts.overwrite({ totals: {}, days: {}, pendingUntil: {} });
  expect((await readers()).confirmed).toBe(0);
  await rebuildConsoleCounts({
    subscribers: new DynamoSubscriberRepository(test.clients.dynamo, test.tableName),
    counts,
    clock: { now: () => new Date() },
  });
  const { overview } = await measuredOverview();
  expect(overview.readers).toEqual(kept.readers);
  expect(overview.feedback.delivered).toBe(kept.feedback.delivered);
});
