// The one time zone rule: an IANA zone's name, known to this runtime — never a bare offset.
import { isTimeZone } from '../../../lambdas/core/domain/time-zone';

describe('isTimeZone', () => {
  it.each(['UTC', 'Asia/Riyadh', 'Europe/London', 'America/Argentina/Buenos_Aires', 'Etc/GMT+3', 'EST5EDT'])(
    'accepts the IANA zone %s',
    (zone) => {
      expect(isTimeZone(zone)).toBe(true);
    },
  );

  it.each([
    ['a name no zone has', 'Mars/Olympus'],
    ['a bare offset (newer Node versions take it; EventBridge Scheduler does not)', '+03:00'],
    ['an offset after GMT', 'GMT+3'],
    ['a name with spaces around it', ' UTC'],
    ['an empty name', ''],
    ['a path with nothing after a slash', 'Asia/'],
  ])('refuses %s (%j)', (_what, zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isTimeZone(undefined)).toBe(false);
    expect(isTimeZone(3)).toBe(false);
  });
});

describe('isTimeZone where the runtime takes offsets as zones (Node 22 and later)', () => {
  let runtime: jest.SpyInstance;
  beforeEach(() => {
    // As a newer Intl does: any offset is a zone.
    runtime = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(() => ({}) as Intl.DateTimeFormat);
  });
  afterEach(() => runtime.mockRestore());

  it.each(['+03:00', '-0500', ' UTC', 'Asia/', 'Asia//Riyadh'])('still refuses %j: it is no zone name', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it('still accepts a name', () => {
    expect(isTimeZone('Asia/Riyadh')).toBe(true);
  });
});
