// Settings that readConfig refuses at start, naming the variable, rather than let them fail later or show readers
// what they cannot see.
import { readConfig } from '../../../lambdas/composition/config';
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
