// What the functions' configuration takes of the core's input rules: the newsletter's language from the one list,
// the time zone by the one rule — refused at cold start with the variable's name, never its value.
import { ConfigError, readConfig } from '../../../lambdas/composition/config';
import { REQUIRED_ENVIRONMENT } from '../../support/required-environment';

const base = REQUIRED_ENVIRONMENT;

describe('readConfig and the input rules', () => {
  it('takes every newsletter language and an IANA time zone', () => {
    expect(readConfig({ ...base, MUJAZ_NEWSLETTER_LANGUAGE: 'en', MUJAZ_TIME_ZONE: 'Asia/Riyadh' })).toMatchObject({
      newsletter: { language: 'en' },
      timeZone: 'Asia/Riyadh',
    });
    expect(readConfig({ ...base, MUJAZ_NEWSLETTER_LANGUAGE: 'ar' }).newsletter.language).toBe('ar');
  });

  it.each([
    ['MUJAZ_NEWSLETTER_LANGUAGE', 'fr'],
    ['MUJAZ_TIME_ZONE', 'Mars/Olympus'],
    ['MUJAZ_TIME_ZONE', '+03:00'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    const read = () => readConfig({ ...base, [name]: value });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(new RegExp(`${name} is invalid`, 'u'));
  });
});
