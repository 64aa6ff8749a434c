import { feedInstant } from '../../../lambdas/adapters/feed-dates';

describe('feedInstant', () => {
  it.each([
    // RFC 822 / 2822, as RSS writes it
    ['Mon, 07 Dec 2026 09:30:00 +0300', '2026-12-07T06:30:00.000Z'],
    ['Mon, 07 Dec 2026 09:30:00 -0130', '2026-12-07T11:00:00.000Z'],
    ['Sun, 06 Dec 2026 18:00:00 GMT', '2026-12-06T18:00:00.000Z'],
    ['6 Dec 2026 18:00 UT', '2026-12-06T18:00:00.000Z'],
    ['Sat, 05 Dec 2026 07:00:00 EST', '2026-12-05T12:00:00.000Z'],
    ['Sat, 05 Jul 2026 07:00:00 EDT', '2026-07-05T11:00:00.000Z'],
    ['05 Dec 2026 07:00:00 PST', '2026-12-05T15:00:00.000Z'],
    ['Tuesday, 1 December 2026 8:05:09 z', '2026-12-01T08:05:09.000Z'],
    ['Thu, 17 Sept 2026 10:00:00 +02:00', '2026-09-17T08:00:00.000Z'],
    ['Fri, 31 Dec 99 23:59:59 +0000', '1999-12-31T23:59:59.000Z'],
    ['Sat, 01 Jan 26 00:00:00 +0000', '2026-01-01T00:00:00.000Z'],
    ['  Sat, 01 Jan 2028 00:00:00 GMT \n', '2028-01-01T00:00:00.000Z'],
    // RFC 3339, as Atom, JSON Feed and dc:date write it, and as writers bend it
    ['2026-12-04T21:00:00+01:00', '2026-12-04T20:00:00.000Z'],
    ['2026-12-04T21:00:00.250Z', '2026-12-04T21:00:00.250Z'],
    ['2026-12-04T21:00+01:00', '2026-12-04T20:00:00.000Z'],
    ['2026-12-04 21:00:00z', '2026-12-04T21:00:00.000Z'],
    ['2026-12-04t21:00:00Z', '2026-12-04T21:00:00.000Z'],
  ])('reads %j as %s', (text, instant) => {
    expect(feedInstant(text)).toBe(instant);
  });

  it.each([
    'sometime last week',
    'Tuesday',
    '2026/11/23',
    '2026-12-01', // a day names no instant
    'Mon, 07 Dec 2026 09:30:00', // no zone: the instant is unknown
    '2026-12-04T21:00:00', // no offset
    'Mon, 07 Dec 2026 09:30:00 XYZ',
    'Mon, 07 Dek 2026 09:30:00 GMT',
    'Mon, 07 De 2026 09:30:00 GMT',
    'Mon, 07 Decembre 2026 09:30:00 GMT',
    'Mon, 31 Feb 2026 09:30:00 GMT',
    'Mon, 31 Apr 2026 09:30:00 GMT',
    'Mon, 07 Dec 2026 24:00:00 GMT',
    'Mon, 07 Dec 2026 23:60:00 GMT',
    'Mon, 07 Dec 2026 23:59:60 GMT',
    'Mon, 07 Dec 2026 09:30:00 +2400',
    'Mon, 07 Dec 2026 09:30:00 A', // military zones other than Z are ambiguous
    '2026-02-29T10:00:00Z',
    '',
  ])('leaves %j out', (text) => {
    expect(feedInstant(text)).toBeUndefined();
  });

  it('leaves out a date the feed does not give', () => {
    expect(feedInstant(undefined)).toBeUndefined();
  });
});
