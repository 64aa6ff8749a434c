// Double opt-in, confirmation by signed link, one-click unsubscribe — through the UseCases facade.
import { InvalidInputError, InvalidTokenError, NotFoundError } from '../../../../lambdas/core/domain/errors';
import type { Subscriber } from '../../../../lambdas/core/domain/subscriber';
import { nthSubscriptionId } from '../../../support/sequential-ids';
import {
  CONFIRM_WITHIN_MS,
  CONFIRMATION_COOLDOWN_MS,
  createHarness,
  type Harness,
  rejection,
  START,
  tokenFromLink,
} from '../../../support/use-case-harness';

const READER = 'reader@example.com';
const API = { via: 'api' } as const;

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

/** Subscribes and answers the token of the confirmation link just mailed. */
async function subscribeAndGetToken(email = READER): Promise<string> {
  await h.useCases.subscribe(email, API);
  return tokenFromLink(h.mailer.sent.at(-1)!.html, '/subscriptions/confirm');
}

function reasonOf(error: unknown): string {
  expect(error).toBeInstanceOf(InvalidTokenError);
  return (error as InvalidTokenError).reason;
}

describe('subscribe', () => {
  it('records a new address as pending and mails it one confirmation, in the newsletter language', async () => {
    await expect(h.useCases.subscribe('  Reader@Example.com ', API)).resolves.toBe('confirmation-sent');
    expect(await h.subscribers.find(READER)).toEqual({
      email: READER,
      subscriptionId: nthSubscriptionId(1),
      status: 'pending',
      subscribedAt: START,
      subscribedVia: 'api',
      pendingUntil: '2026-11-26T09:00:00.000Z',
      confirmationSentAt: START,
      revision: 1,
    });
    expect(h.mailer.sent).toHaveLength(1);
    const mail = h.mailer.sent[0]!;
    expect(mail.to).toBe(READER);
    expect(mail.subject).toBe('أكّد اشتراكك في موجز');
    expect(h.renderer.confirmations).toHaveLength(1);
    const view = h.renderer.confirmations[0]!;
    expect(view).toMatchObject({
      subject: 'أكّد اشتراكك في موجز',
      newsletterName: 'موجز',
      language: 'ar',
      direction: 'rtl',
      align: 'right',
      button: 'تأكيد الاشتراك',
    });
    expect(view.body).toContain('موجز');
    expect(view.confirmUrl).toMatch(/^https:\/\/mujaz\.example\/api\/subscriptions\/confirm\?token=[^&\s]+$/u);
    expect(mail.html).toContain(`href="${view.confirmUrl}"`);
    expect(mail.text).toContain(view.confirmUrl);
    const claims = h.tokens.verify(
      tokenFromLink(mail.html, '/subscriptions/confirm'),
      'confirm-subscription',
      h.clock.now(),
    );
    expect(claims).toEqual({
      purpose: 'confirm-subscription',
      subscription: nthSubscriptionId(1),
      expiresAt: Date.parse('2026-11-26T09:00:00.000Z'),
    });
    expect(view.confirmUrl).not.toContain('reader');
  });

  it("fills an English newsletter's name into English labels, laid out left to right", async () => {
    const english = createHarness({ newsletter: { name: 'Brief', language: 'en' } });
    await english.useCases.subscribe(READER, API);
    expect(english.mailer.sent[0]!.subject).toBe('Confirm your subscription to Brief');
    expect(english.renderer.confirmations[0]).toMatchObject({
      newsletterName: 'Brief',
      language: 'en',
      direction: 'ltr',
      align: 'left',
      body: 'Press the button to confirm your subscription to Brief and get the weekly digest.',
    });
  });

  it("speaks the reader's chosen language: an Arabic newsletter mails an English reader in English", async () => {
    await h.useCases.subscribe(READER, { via: 'form', language: 'en' });
    expect(h.mailer.sent[0]!.subject).toBe('Confirm your subscription to موجز');
    expect(h.renderer.confirmations[0]).toMatchObject({
      language: 'en',
      direction: 'ltr',
      button: 'Confirm subscription',
    });
    expect(await h.subscribers.find(READER)).toMatchObject({ language: 'en', subscribedVia: 'form' });
  });

  it('takes a confirmation allowance from the shared pacer, which digests leave room for', async () => {
    await h.useCases.subscribe(READER, API);
    expect(h.pacer.acquired).toEqual(['confirmation']);
  });

  it('logs the confirmation with a masked address, never the address itself', async () => {
    await h.useCases.subscribe('badr@example.com', API);
    expect(h.logger.entries).toEqual([
      {
        level: 'info',
        message: 'confirmation sent',
        attributes: { recipient: 'b***@example.com', messageId: 'recorded-1' },
      },
    ]);
    expect(JSON.stringify(h.logger.entries)).not.toContain('badr@');
  });

  it('rejects a malformed address before storing or mailing anything', async () => {
    const error = await rejection(h.useCases.subscribe('not-an-address', API));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((problem) => problem.field)).toEqual(['email']);
    expect(h.subscribers.all()).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('sends nothing to an address that is already confirmed', async () => {
    await h.addSubscriber(READER, 'confirmed');
    await expect(h.useCases.subscribe('READER@example.com', API)).resolves.toBe('already-confirmed');
    expect(h.mailer.sent).toEqual([]);
    expect((await h.subscribers.find(READER))?.status).toBe('confirmed');
  });

  it('mails a fresh link to an address still pending after the cooldown, keeping when it first subscribed', async () => {
    await h.useCases.subscribe(READER, API);
    h.clock.advance(3_600_000);
    await h.useCases.subscribe(READER, API);
    expect(await h.subscribers.find(READER)).toMatchObject({
      status: 'pending',
      subscribedAt: START,
      pendingUntil: '2026-11-26T10:00:00.000Z',
    });
    expect(h.mailer.sentTo(READER)).toHaveLength(2);
  });

  it('mails one confirmation per address per cooldown, however often the form is sent (mail bombing)', async () => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await expect(h.useCases.subscribe(attempt % 2 ? ' Reader@EXAMPLE.com' : READER, API)).resolves.toBe(
        'confirmation-sent',
      );
      h.clock.advance(1_000);
    }
    expect(h.mailer.sentTo(READER)).toHaveLength(1);
    h.clock.advance(CONFIRMATION_COOLDOWN_MS);
    await h.useCases.subscribe(READER, API);
    expect(h.mailer.sentTo(READER)).toHaveLength(2);
    expect(await h.subscribers.find(READER)).toMatchObject({
      subscribedAt: START,
      confirmationSentAt: h.clock.now().toISOString(),
    });
  });

  it('mails once when fifty subscribes for one address arrive at the same moment', async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => h.useCases.subscribe(READER, API)));
    expect(new Set(outcomes)).toEqual(new Set(['confirmation-sent']));
    expect(h.mailer.sentTo(READER)).toHaveLength(1);
  });

  it('lets a reader who left subscribe again: pending under a new subscription, with a fresh confirmation', async () => {
    await h.addSubscriber(READER, 'unsubscribed');
    await expect(h.useCases.subscribe(READER, API)).resolves.toBe('confirmation-sent');
    expect(await h.subscribers.find(READER)).toMatchObject({ status: 'pending', subscriptionId: nthSubscriptionId(2) });
    expect((await h.subscribers.find(READER))?.earlier).toHaveLength(1);
    expect(h.mailer.sentTo(READER)).toHaveLength(1);
  });

  it('mails nobody and writes nothing for a suppressed address', async () => {
    await h.addSubscriber(READER, 'suppressed');
    const stored = await h.subscribers.find(READER);
    await expect(h.useCases.subscribe(READER, API)).resolves.toBe('suppressed');
    expect(await h.subscribers.find(READER)).toEqual(stored);
    expect(h.mailer.sent).toEqual([]);
  });
});

/**
 * Lets `other` run once between a use case's read and its write of a record in `status`: the interleaving two
 * requests racing for one address can take.
 */
function raceBeforeWrite(status: Subscriber['status'], other: () => Promise<unknown>): { ran: boolean } {
  const race = { ran: false };
  const replace = h.subscribers.replace.bind(h.subscribers);
  jest.spyOn(h.subscribers, 'replace').mockImplementation(async (next, previous) => {
    if (!race.ran && next.status === status) {
      race.ran = true;
      await other();
    }
    return replace(next, previous);
  });
  return race;
}

/** The unsubscribe token of the subscription stored under the address now. */
const unsubscribeToken = () => h.tokenFor(READER, 'unsubscribe');

describe('confirmSubscription', () => {
  it('confirms with the token from the emailed link, and a second click changes nothing', async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(3_600_000);
    await expect(h.useCases.confirmSubscription(token)).resolves.toEqual({ language: 'ar' });
    const confirmed = await h.subscribers.find(READER);
    expect(confirmed).toEqual({
      email: READER,
      subscriptionId: nthSubscriptionId(1),
      status: 'confirmed',
      subscribedAt: START,
      subscribedVia: 'api',
      confirmedAt: '2026-11-24T10:00:00.000Z',
      confirmedVia: 'link',
      revision: 2,
    });
    h.clock.advance(60_000);
    await expect(h.useCases.confirmSubscription(token)).resolves.toEqual({ language: 'ar' });
    expect(await h.subscribers.find(READER)).toEqual(confirmed);
  });

  it('writes nothing when a confirmed reader clicks the link again', async () => {
    const token = await subscribeAndGetToken();
    await h.useCases.confirmSubscription(token);
    const writes = jest.spyOn(h.subscribers, 'replace');
    await h.useCases.confirmSubscription(token);
    expect(writes).not.toHaveBeenCalled();
  });

  it('accepts the link until the last second of the window', async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(CONFIRM_WITHIN_MS - 1000);
    await h.useCases.confirmSubscription(token);
    expect((await h.subscribers.find(READER))?.status).toBe('confirmed');
  });

  it("refuses a confirmation link once the window has passed ('expired')", async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(CONFIRM_WITHIN_MS);
    expect(reasonOf(await rejection(h.useCases.confirmSubscription(token)))).toBe('expired');
    expect((await h.subscribers.find(READER))?.status).toBe('pending');
  });

  it("refuses an unsubscribe token as a confirmation ('wrong_purpose')", async () => {
    await h.useCases.subscribe(READER, API);
    const token = await unsubscribeToken();
    expect(reasonOf(await rejection(h.useCases.confirmSubscription(token)))).toBe('wrong_purpose');
    expect((await h.subscribers.find(READER))?.status).toBe('pending');
  });

  it('does not let an old confirmation link bring back a reader who left (NotFoundError)', async () => {
    const token = await subscribeAndGetToken();
    await h.useCases.confirmSubscription(token);
    await h.useCases.unsubscribe(await unsubscribeToken());
    await expect(h.useCases.confirmSubscription(token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.useCases.checkConfirmationLink(token)).rejects.toBeInstanceOf(NotFoundError);
    expect((await h.subscribers.find(READER))?.status).toBe('unsubscribed');
  });

  it("does not let the first subscription's link confirm the next one", async () => {
    const first = await subscribeAndGetToken();
    await h.useCases.confirmSubscription(first);
    await h.useCases.unsubscribe(await unsubscribeToken());
    await h.useCases.subscribe(READER, API);
    await expect(h.useCases.confirmSubscription(first)).rejects.toBeInstanceOf(NotFoundError);
    expect((await h.subscribers.find(READER))?.status).toBe('pending');
  });

  it('answers NotFoundError for a genuine confirmation whose subscription is gone', async () => {
    const token = h.tokens.sign({
      purpose: 'confirm-subscription',
      subscription: nthSubscriptionId(99),
      expiresAt: h.clock.now().getTime() + 10_000,
    });
    const error = await rejection(h.useCases.confirmSubscription(token));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toMatch(/no longer exists/u);
    expect(h.subscribers.all()).toEqual([]);
  });

  it('checks a confirmation link without confirming, and says which language to ask in', async () => {
    await h.useCases.subscribe(READER, { via: 'form', language: 'en' });
    const token = tokenFromLink(h.mailer.sent[0]!.html, '/subscriptions/confirm');
    await expect(h.useCases.checkConfirmationLink(token)).resolves.toEqual({ language: 'en' });
    expect((await h.subscribers.find(READER))?.status).toBe('pending');
  });

  it('confirms the subscription as it is when a subscribe for the address raced in between (no lost write)', async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(CONFIRMATION_COOLDOWN_MS);
    // The confirmation reads the pending record; before it writes, a second subscribe refreshes it.
    const race = raceBeforeWrite('confirmed', () => h.useCases.subscribe(READER, API));
    await h.useCases.confirmSubscription(token);
    expect(race.ran).toBe(true);
    expect(await h.subscribers.find(READER)).toMatchObject({ status: 'confirmed', revision: 3 });
    expect(h.mailer.sentTo(READER)).toHaveLength(2);
  });
});

describe('a subscribe racing a confirmation', () => {
  it('never writes pending over confirmed: the stale write loses and is decided again', async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(CONFIRMATION_COOLDOWN_MS);
    const race = raceBeforeWrite('pending', () => h.useCases.confirmSubscription(token));
    await expect(h.useCases.subscribe(READER, API)).resolves.toBe('already-confirmed');
    expect(race.ran).toBe(true);
    expect(await h.subscribers.find(READER)).toMatchObject({ status: 'confirmed' });
    expect(h.mailer.sentTo(READER)).toHaveLength(1);
  });

  it('gives up with an error, not a lost write, when the record changes under every one of five tries', async () => {
    await h.addSubscriber(READER, 'unsubscribed');
    jest.spyOn(h.subscribers, 'replace').mockResolvedValue(false);
    await expect(h.useCases.subscribe(READER, API)).rejects.toThrow(/changed 5 times/u);
    expect(h.mailer.sent).toEqual([]);
  });
});

describe('unsubscribe and checkUnsubscribeLink', () => {
  it('unsubscribes with a genuine token, and again without complaint or change', async () => {
    await h.useCases.confirmSubscription(await subscribeAndGetToken());
    const token = await unsubscribeToken();
    h.clock.advance(60_000);
    await expect(h.useCases.unsubscribe(token)).resolves.toEqual({ language: 'ar' });
    const leftAt = '2026-11-24T09:01:00.000Z';
    expect(await h.subscribers.find(READER)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: leftAt });
    h.clock.advance(60_000);
    await h.useCases.unsubscribe(token);
    expect((await h.subscribers.find(READER))?.unsubscribedAt).toBe(leftAt);
  });

  it('writes nothing when a reader who already left uses the link again', async () => {
    await h.addSubscriber(READER, 'unsubscribed');
    const token = await unsubscribeToken();
    const writes = jest.spyOn(h.subscribers, 'replace');
    await h.useCases.unsubscribe(token);
    expect(writes).not.toHaveBeenCalled();
  });

  it('keeps a suppressed address suppressed', async () => {
    await h.addSubscriber(READER, 'suppressed');
    await h.useCases.unsubscribe(await unsubscribeToken());
    expect((await h.subscribers.find(READER))?.status).toBe('suppressed');
  });

  it('answers NotFoundError for a genuine token of a subscription nobody has', async () => {
    const token = h.tokens.sign({ purpose: 'unsubscribe', subscription: nthSubscriptionId(42) });
    await expect(h.useCases.unsubscribe(token)).rejects.toBeInstanceOf(NotFoundError);
    expect(h.subscribers.all()).toEqual([]);
  });

  it('stops working once the reader has subscribed again: an old link cannot end the new subscription', async () => {
    await h.useCases.confirmSubscription(await subscribeAndGetToken());
    const oldLink = await unsubscribeToken();
    await h.useCases.unsubscribe(oldLink);
    h.clock.advance(CONFIRMATION_COOLDOWN_MS);
    await h.useCases.confirmSubscription(await subscribeAndGetToken());
    expect(await h.subscribers.find(READER)).toMatchObject({
      status: 'confirmed',
      subscriptionId: nthSubscriptionId(2),
    });
    await expect(h.useCases.unsubscribe(oldLink)).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.useCases.checkUnsubscribeLink(oldLink)).rejects.toBeInstanceOf(NotFoundError);
    expect((await h.subscribers.find(READER))?.status).toBe('confirmed');
    await h.useCases.unsubscribe(await unsubscribeToken());
    expect((await h.subscribers.find(READER))?.status).toBe('unsubscribed');
  });

  it.each([
    ['a forged token', 'A'.repeat(51), 'bad_signature'],
    ['a token that is not one', 'not-a-token', 'malformed'],
  ])('refuses %s and leaves the reader subscribed', async (_name, token, reason) => {
    await h.addSubscriber(READER, 'confirmed');
    expect(reasonOf(await rejection(h.useCases.unsubscribe(token)))).toBe(reason);
    expect((await h.subscribers.find(READER))?.status).toBe('confirmed');
  });

  it("refuses a confirmation token as an unsubscribe link ('wrong_purpose')", async () => {
    await h.addSubscriber(READER, 'confirmed');
    const token = await h.tokenFor(READER, 'confirm-subscription', Date.parse(START) + 10_000);
    expect(reasonOf(await rejection(h.useCases.unsubscribe(token)))).toBe('wrong_purpose');
    expect((await h.subscribers.find(READER))?.status).toBe('confirmed');
  });

  it('checks an unsubscribe link without acting on it', async () => {
    await h.addSubscriber(READER, 'confirmed');
    const saved = await h.subscribers.find(READER);
    await expect(h.useCases.checkUnsubscribeLink(await unsubscribeToken())).resolves.toEqual({
      language: 'ar',
      standing: 'subscribed',
    });
    expect(await h.subscribers.find(READER)).toEqual(saved);
    expect(reasonOf(await rejection(h.useCases.checkUnsubscribeLink('A'.repeat(51))))).toBe('bad_signature');
    const confirmation = await h.tokenFor(READER, 'confirm-subscription', Date.parse(START) + 10_000);
    expect(reasonOf(await rejection(h.useCases.checkUnsubscribeLink(confirmation)))).toBe('wrong_purpose');
  });

  it('says where the reader of a used link stands: left by the link, or no longer mailed at all', async () => {
    await h.addSubscriber(READER, 'confirmed');
    const link = await unsubscribeToken();
    await h.useCases.unsubscribe(link);
    await expect(h.useCases.checkUnsubscribeLink(link)).resolves.toEqual({ language: 'ar', standing: 'unsubscribed' });
    await h.addSubscriber('bounced@example.com', 'suppressed');
    const bounced = await h.tokenFor('bounced@example.com', 'unsubscribe');
    await expect(h.useCases.checkUnsubscribeLink(bounced)).resolves.toEqual({ language: 'ar', standing: 'suppressed' });
  });
});

describe('resubscribe', () => {
  it('starts a new pending subscription for the reader who just left, and mails a fresh confirmation', async () => {
    await h.useCases.subscribe(READER, { via: 'form', language: 'en' });
    await h.useCases.confirmSubscription(tokenFromLink(h.mailer.sent[0]!.html, '/subscriptions/confirm'));
    const link = await unsubscribeToken();
    await h.useCases.unsubscribe(link);
    h.clock.advance(60_000);
    await expect(h.useCases.resubscribe(link)).resolves.toEqual({ language: 'en' });
    expect(h.subscriptionQueue.waiting).toEqual([{ email: READER, via: 'form', language: 'en' }]);
    await h.processSubscriptions();
    expect(await h.subscribers.find(READER)).toMatchObject({
      status: 'pending',
      subscriptionId: nthSubscriptionId(2),
      subscribedVia: 'form',
      language: 'en',
    });
    expect(h.mailer.sentTo(READER)).toHaveLength(2);
    // The goodbye page's link belonged to the old subscription: used again, it finds nothing to act on.
    await expect(h.useCases.resubscribe(link)).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.useCases.unsubscribe(link)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('does nothing for a reader who is still subscribed', async () => {
    await h.addSubscriber(READER, 'confirmed');
    await expect(h.useCases.resubscribe(await unsubscribeToken())).rejects.toBeInstanceOf(NotFoundError);
    expect(h.mailer.sent).toEqual([]);
  });
});
