// Double opt-in, confirmation by signed link, one-click unsubscribe — through the UseCases facade.
import { InvalidInputError, InvalidTokenError, NotFoundError } from '../../../../lambdas/core/domain/errors';
import { thrownBy } from '../../../support/rejections';
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

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

/** Subscribes and answers the token of the confirmation link just mailed. */
async function subscribeAndGetToken(email = READER): Promise<string> {
  await h.useCases.subscribe(email);
  return tokenFromLink(h.mailer.sent.at(-1)!.html, '/subscriptions/confirm');
}

function reasonOf(error: unknown): string {
  expect(error).toBeInstanceOf(InvalidTokenError);
  return (error as InvalidTokenError).reason;
}

describe('subscribe', () => {
  it('records a new address as pending and mails it one confirmation, in the newsletter language', async () => {
    await expect(h.useCases.subscribe('  Reader@Example.com ')).resolves.toBe('confirmation-sent');
    expect(await h.subscribers.find(READER)).toEqual({
      email: READER,
      status: 'pending',
      subscribedAt: START,
      pendingUntil: '2026-11-26T09:00:00.000Z',
      confirmationSentAt: START,
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
      email: READER,
      expiresAt: Date.parse('2026-11-26T09:00:00.000Z'),
    });
  });

  it("fills an English newsletter's name into English labels, laid out left to right", async () => {
    const english = createHarness({ newsletter: { name: 'Brief', language: 'en' } });
    await english.useCases.subscribe(READER);
    expect(english.mailer.sent[0]!.subject).toBe('Confirm your subscription to Brief');
    expect(english.renderer.confirmations[0]).toMatchObject({
      newsletterName: 'Brief',
      language: 'en',
      direction: 'ltr',
      align: 'left',
      body: 'Press the button to confirm your subscription to Brief and get the weekly digest.',
    });
  });

  it('takes a confirmation allowance from the shared pacer, which digests leave room for', async () => {
    await h.useCases.subscribe(READER);
    expect(h.pacer.acquired).toEqual(['confirmation']);
  });

  it('logs the confirmation with a masked address, never the address itself', async () => {
    await h.useCases.subscribe('badr@example.com');
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
    const error = await rejection(h.useCases.subscribe('not-an-address'));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((problem) => problem.field)).toEqual(['email']);
    expect(h.subscribers.all()).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('sends nothing to an address that is already confirmed', async () => {
    await h.addSubscriber(READER, 'confirmed');
    await expect(h.useCases.subscribe('READER@example.com')).resolves.toBe('already-confirmed');
    expect(h.mailer.sent).toEqual([]);
    expect((await h.subscribers.find(READER))?.status).toBe('confirmed');
  });

  it('mails a fresh link to an address still pending after the cooldown, keeping when it first subscribed', async () => {
    await h.useCases.subscribe(READER);
    h.clock.advance(3_600_000);
    await h.useCases.subscribe(READER);
    expect(await h.subscribers.find(READER)).toMatchObject({
      status: 'pending',
      subscribedAt: START,
      pendingUntil: '2026-11-26T10:00:00.000Z',
    });
    expect(h.mailer.sentTo(READER)).toHaveLength(2);
  });

  it('mails one confirmation per address per cooldown, however often the form is sent (mail bombing)', async () => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await expect(h.useCases.subscribe(attempt % 2 ? ' Reader@EXAMPLE.com' : READER)).resolves.toBe(
        'confirmation-sent',
      );
      h.clock.advance(1_000);
    }
    expect(h.mailer.sentTo(READER)).toHaveLength(1);
    h.clock.advance(CONFIRMATION_COOLDOWN_MS);
    await h.useCases.subscribe(READER);
    expect(h.mailer.sentTo(READER)).toHaveLength(2);
    expect(await h.subscribers.find(READER)).toMatchObject({
      subscribedAt: START,
      confirmationSentAt: h.clock.now().toISOString(),
    });
  });

  it('mails once when fifty subscribes for one address arrive at the same moment', async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => h.useCases.subscribe(READER)));
    expect(new Set(outcomes)).toEqual(new Set(['confirmation-sent']));
    expect(h.mailer.sentTo(READER)).toHaveLength(1);
  });

  it('lets a reader who left subscribe again: pending, with a fresh confirmation', async () => {
    await h.addSubscriber(READER, 'unsubscribed');
    await expect(h.useCases.subscribe(READER)).resolves.toBe('confirmation-sent');
    expect((await h.subscribers.find(READER))?.status).toBe('pending');
    expect(h.mailer.sentTo(READER)).toHaveLength(1);
  });
});

describe('confirmSubscription', () => {
  it('confirms with the token from the emailed link, and a second click changes nothing', async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(3_600_000);
    const confirmed = await h.useCases.confirmSubscription(token);
    expect(confirmed).toEqual({
      email: READER,
      status: 'confirmed',
      subscribedAt: START,
      confirmedAt: '2026-11-24T10:00:00.000Z',
    });
    expect(await h.subscribers.find(READER)).toEqual(confirmed);
    h.clock.advance(60_000);
    await expect(h.useCases.confirmSubscription(token)).resolves.toEqual(confirmed);
    expect(await h.subscribers.find(READER)).toEqual(confirmed);
  });

  it('writes nothing when a confirmed reader clicks the link again', async () => {
    const token = await subscribeAndGetToken();
    await h.useCases.confirmSubscription(token);
    const writes = jest.spyOn(h.subscribers, 'save');
    await h.useCases.confirmSubscription(token);
    expect(writes).not.toHaveBeenCalled();
  });

  it('accepts the link until the last millisecond of the window', async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(CONFIRM_WITHIN_MS - 1);
    expect((await h.useCases.confirmSubscription(token)).status).toBe('confirmed');
  });

  it("refuses a confirmation link once the window has passed ('expired')", async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(CONFIRM_WITHIN_MS);
    expect(reasonOf(await rejection(h.useCases.confirmSubscription(token)))).toBe('expired');
    expect((await h.subscribers.find(READER))?.status).toBe('pending');
  });

  it("refuses an unsubscribe token as a confirmation ('wrong_purpose')", async () => {
    await h.useCases.subscribe(READER);
    const token = h.tokens.sign({ purpose: 'unsubscribe', email: READER });
    expect(reasonOf(await rejection(h.useCases.confirmSubscription(token)))).toBe('wrong_purpose');
    expect((await h.subscribers.find(READER))?.status).toBe('pending');
  });

  it('does not let an old confirmation link bring back a reader who left (NotFoundError)', async () => {
    const token = await subscribeAndGetToken();
    await h.useCases.confirmSubscription(token);
    await h.useCases.unsubscribe(h.tokens.sign({ purpose: 'unsubscribe', email: READER }));
    await expect(h.useCases.confirmSubscription(token)).rejects.toBeInstanceOf(NotFoundError);
    expect((await h.subscribers.find(READER))?.status).toBe('unsubscribed');
  });

  it('answers NotFoundError for a genuine confirmation whose subscription is gone', async () => {
    const token = h.tokens.sign({
      purpose: 'confirm-subscription',
      email: 'ghost@example.com',
      expiresAt: h.clock.now().getTime() + 1000,
    });
    const error = await rejection(h.useCases.confirmSubscription(token));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe(
      'This subscription no longer exists; subscribe again to get a fresh link.',
    );
    expect(h.subscribers.all()).toEqual([]);
  });
});

describe('unsubscribe and checkUnsubscribeLink', () => {
  it('unsubscribes with a genuine token, and again without complaint or change', async () => {
    await h.useCases.confirmSubscription(await subscribeAndGetToken());
    const token = h.tokens.sign({ purpose: 'unsubscribe', email: READER });
    h.clock.advance(60_000);
    await h.useCases.unsubscribe(token);
    const leftAt = '2026-11-24T09:01:00.000Z';
    expect(await h.subscribers.find(READER)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: leftAt });
    h.clock.advance(60_000);
    await h.useCases.unsubscribe(token);
    expect((await h.subscribers.find(READER))?.unsubscribedAt).toBe(leftAt);
  });

  it('writes nothing when a reader who already left uses the link again', async () => {
    await h.addSubscriber(READER, 'unsubscribed');
    const writes = jest.spyOn(h.subscribers, 'save');
    await h.useCases.unsubscribe(h.tokens.sign({ purpose: 'unsubscribe', email: READER }));
    expect(writes).not.toHaveBeenCalled();
  });

  it('does nothing for a genuine token of an unknown address', async () => {
    await h.useCases.unsubscribe(h.tokens.sign({ purpose: 'unsubscribe', email: 'stranger@example.com' }));
    expect(h.subscribers.all()).toEqual([]);
  });

  it.each([
    ['a forged token', 'v1.e30.AAAA', 'bad_signature'],
    ['a token that is not one', 'not-a-token', 'malformed'],
  ])('refuses %s and leaves the reader subscribed', async (_name, token, reason) => {
    await h.addSubscriber(READER, 'confirmed');
    expect(reasonOf(await rejection(h.useCases.unsubscribe(token)))).toBe(reason);
    expect((await h.subscribers.find(READER))?.status).toBe('confirmed');
  });

  it("refuses a confirmation token as an unsubscribe link ('wrong_purpose')", async () => {
    await h.addSubscriber(READER, 'confirmed');
    const token = h.tokens.sign({
      purpose: 'confirm-subscription',
      email: READER,
      expiresAt: Date.parse(START) + 1000,
    });
    expect(reasonOf(await rejection(h.useCases.unsubscribe(token)))).toBe('wrong_purpose');
    expect((await h.subscribers.find(READER))?.status).toBe('confirmed');
  });

  it('checks an unsubscribe link without acting on it', async () => {
    await h.addSubscriber(READER, 'confirmed');
    const saved = await h.subscribers.find(READER);
    h.useCases.checkUnsubscribeLink(h.tokens.sign({ purpose: 'unsubscribe', email: READER }));
    expect(await h.subscribers.find(READER)).toEqual(saved);
    expect(reasonOf(thrownBy(() => h.useCases.checkUnsubscribeLink('v1.e30.AAAA')))).toBe('bad_signature');
    const confirmation = h.tokens.sign({
      purpose: 'confirm-subscription',
      email: READER,
      expiresAt: Date.parse(START) + 1000,
    });
    expect(reasonOf(thrownBy(() => h.useCases.checkUnsubscribeLink(confirmation)))).toBe('wrong_purpose');
  });
});
