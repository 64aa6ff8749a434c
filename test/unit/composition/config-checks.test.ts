// Settings that readConfig refuses at start, naming the variable, rather than let them fail later or show readers
// what they cannot see.
import { readConfig, withFetchAllowed } from '../../../lambdas/composition/config';
import { MAX_RATE_LIMIT } from '../../../lambdas/core/domain/rate-window';
import { REQUIRED_ENVIRONMENT } from '../../support/required-environment';

const base = REQUIRED_ENVIRONMENT;

it(`refuses a per-client limit above ${MAX_RATE_LIMIT}, which one update expression could not shift`, () => {
  const highest = readConfig({ ...base, MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE: String(MAX_RATE_LIMIT) });
  expect(highest.subscribesPerClientPerMinute).toBe(MAX_RATE_LIMIT);
  expect(() => readConfig({ ...base, MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE: String(MAX_RATE_LIMIT + 1) })).toThrow(
    'MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE',
  );
});

it('refuses a newsletter name holding a character that renders as nothing, and takes a visible one', () => {
  expect(readConfig({ ...base, MUJAZ_NEWSLETTER_NAME: 'موجز اليوم' }).newsletter.name).toBe('موجز اليوم');
  for (const hidden of ['\u200B', '\u3164', '\u{E0041}', '\u202E']) {
    expect(() => readConfig({ ...base, MUJAZ_NEWSLETTER_NAME: `موجز${hidden}` })).toThrow('MUJAZ_NEWSLETTER_NAME');
  }
});

describe('MUJAZ_FETCH_ALLOW, the local servers the web fetcher may reach', () => {
  it('is empty unless set: nothing bypasses the address guard', () => {
    expect(readConfig(base).fetchAllow).toEqual([]);
    expect(readConfig({ ...base, MUJAZ_FETCH_ALLOW: ' , ' }).fetchAllow).toEqual([]);
  });

  it('reads a comma-separated list of host:port in the form the fetcher compares', () => {
    expect(readConfig({ ...base, MUJAZ_FETCH_ALLOW: '127.0.0.1:8081, LocalHost:3000,[::1]:9000' }).fetchAllow).toEqual([
      '127.0.0.1:8081',
      'localhost:3000',
      '[::1]:9000',
    ]);
  });

  it('takes more hosts after those it allows already (what `npm run demo` does for the feed it serves)', () => {
    expect(readConfig(withFetchAllowed(base, ['127.0.0.1:4100'])).fetchAllow).toEqual(['127.0.0.1:4100']);
    const environment = { ...base, MUJAZ_FETCH_ALLOW: 'localhost:3000, ' };
    const widened = withFetchAllowed(environment, ['127.0.0.1:4100']);
    expect(readConfig(widened).fetchAllow).toEqual(['localhost:3000', '127.0.0.1:4100']);
    expect(environment.MUJAZ_FETCH_ALLOW).toBe('localhost:3000, ');
  });

  it.each([['10.9.8.7'], ['http://10.9.8.7:8081'], ['127.0.0.1:8081/feed'], ['*:8081'], ['127.0.0.1:99999']])(
    'refuses %j at start, naming the variable and the entry’s place, never its text',
    (entry) => {
      const read = () => readConfig({ ...base, MUJAZ_FETCH_ALLOW: `127.0.0.1:8081,${entry}` });
      expect(read).toThrow('MUJAZ_FETCH_ALLOW is invalid (entry 2 is not host:port (e.g. 127.0.0.1:8080))');
      expect(read).not.toThrow(entry);
    },
  );
});
