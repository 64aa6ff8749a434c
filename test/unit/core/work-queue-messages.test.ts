// The deliver function's queue messages: what the writers put in a message body is what the batch handler reads
// back, and nothing else is read as work.
import {
  isLastReceive,
  MAX_RECEIVES,
  parseWorkQueueMessage,
  readerTurnBody,
  retryDelaySeconds,
  subscribeRequestBody,
} from '../../../lambdas/core/domain/work-queue-messages';

it('reads back a reader turn and a subscribe request as they were written', () => {
  const turn = { editionId: '12', email: 'a@example.com' };
  expect(parseWorkQueueMessage(readerTurnBody(turn))).toEqual({ kind: 'reader-turn', request: turn });
  const subscription = { email: 'b@example.com', via: 'api' as const, language: 'ar' };
  expect(parseWorkQueueMessage(subscribeRequestBody(subscription))).toEqual({
    kind: 'subscribe-request',
    request: subscription,
  });
  expect(JSON.parse(subscribeRequestBody({ email: 'c@example.com', via: 'form' }))).toEqual({
    kind: 'subscription',
    email: 'c@example.com',
    via: 'form',
  });
});

it.each([
  ['not JSON', 'editionId=1'],
  ['an unknown field', JSON.stringify({ editionId: '1', email: 'a@example.com', extra: true })],
  ['a missing edition', JSON.stringify({ email: 'a@example.com' })],
  ['an edition id too long', JSON.stringify({ editionId: '1234567890123', email: 'a@example.com' })],
  ['an unknown kind', JSON.stringify({ kind: 'unsubscribe', email: 'a@example.com', via: 'form' })],
  ['an unknown channel', JSON.stringify({ kind: 'subscription', email: 'a@example.com', via: 'fax' })],
  ['an address too long', JSON.stringify({ editionId: '1', email: `${'a'.repeat(250)}@x.yz` })],
  [
    'a language that is no ISO 639 code',
    JSON.stringify({ kind: 'subscription', email: 'a@x.yz', via: 'form', language: 'xx1' }),
  ],
])('reads %s as no work', (_what, body) => {
  expect(parseWorkQueueMessage(body)).toBeUndefined();
});

it('refuses to write what it could not read back', () => {
  expect(() => readerTurnBody({ editionId: '', email: 'a@example.com' })).toThrow();
  expect(() => subscribeRequestBody({ email: 'x', via: 'form' })).toThrow();
});

it('tries a refused message again later and later, and dead-letters it at its last receive', () => {
  expect([1, 2, 3, 4, 5, 9, 20].map(retryDelaySeconds)).toEqual([2, 4, 8, 16, 32, 300, 300]);
  expect(MAX_RECEIVES).toBe(5);
  expect([1, 4, 5, 6].map(isLastReceive)).toEqual([false, false, true, true]);
});
