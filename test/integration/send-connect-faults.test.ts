// A send while the path to SES is lost: connections to it do not open (the kernel drops them) for longer than the
// send timeout, then it comes back. Nothing was sent over a connection that never opened, so each such try is
// refused and tried again — never recorded unknown, as a timeout after sending would be — and every reader ends with
// exactly one copy.
// Through the whole path: DynamoDB Local, the local SQS queue, the deliver step's batch handler, the SES endpoint.

import { copiesPerReader, deliveryStatuses } from '../support/delivery-outcomes';
import { createTestMujaz, localServices, type TestMujaz } from '../support/local-services';
import { seedSend } from '../support/readers';
import { UnconnectableEndpoint } from '../support/unconnectable-endpoint';

const READERS = 12;
const runId = Math.random().toString(36).slice(2, 8);
const readers = Array.from({ length: READERS }, (_, index) => `lost-path-${runId}-${index}@example.com`);
const SES_TIMEOUT_MS = 3_000;
/** Longer than the send timeout: a connect left to that timeout would end unknown, not sent. */
const LOST_FOR_MS = 5_000;

let ses: UnconnectableEndpoint;
let test: TestMujaz;

beforeAll(async () => {
  ses = await UnconnectableEndpoint.start({ forwardTo: localServices().sesEndpoint });
  test = await createTestMujaz('lost-path', {
    sesEndpoint: ses.endpoint,
    deliveryWorkers: 2,
    environment: { MUJAZ_SES_TIMEOUT_MS: String(SES_TIMEOUT_MS), MUJAZ_DELIVERY_TIMEOUT_SECONDS: '10' },
  });
  await seedSend(test, readers, {
    title: 'A report sent while the path to SES was lost',
    body: 'Connections to SES did not open for a while. Then they did.',
  });
}, 30_000);

afterAll(async () => {
  await test.close();
  ses.stop();
});

it('tries again each send whose connection never opened, and reaches every reader once SES is back', async () => {
  expect(await test.mujaz.sendDigest()).toEqual({ edition: '1', status: 'queued', reports: 1, recipients: READERS });
  await new Promise((resolve) => setTimeout(resolve, LOST_FOR_MS));
  expect(await test.mujaz.digestProgress('1')).toMatchObject({ state: 'sending', counts: { sent: 0, unknown: 0 } });
  ses.open();
  const progress = await test.untilDone('1', 90_000);
  expect(progress.counts).toEqual({
    recipients: READERS,
    sent: READERS,
    pending: 0,
    failed: 0,
    unknown: 0,
    skipped: 0,
  });
  const statuses = await deliveryStatuses(test, '1');
  expect(readers.filter((reader) => statuses.get(reader) !== 'sent')).toEqual([]);
  const copies = await copiesPerReader(localServices().sesEndpoint);
  expect(readers.filter((reader) => copies.get(reader) !== 1)).toEqual([]);
}, 120_000);
