// The CDK app reads the newsletter's language and time zone by the core's own rules (newsletter-languages.ts,
// time-zone.ts): what the functions would refuse at cold start is refused before anything is synthesized.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { NEWSLETTER_LANGUAGES } from '../../lambdas/core/domain/newsletter-languages';
import { buildMujaz } from '../../lib/mujaz-app';

const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};
let outdir: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'mujaz-cdk-rules-'));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const synth = (context: Record<string, unknown>) => () =>
  buildMujaz(
    new App({
      outdir,
      context: { ...cdkJson.context, 'mujaz:allowPlaceholders': true, ...context, 'aws:cdk:bundling-stacks': [] },
    }),
  );

describe('the CDK context and the input rules', () => {
  it.each([
    ['a zone no database has', 'Mars/Olympus'],
    ['a bare offset, which EventBridge Scheduler would refuse at deploy', '+03:00'],
  ])('refuses %s as mujaz:timeZone, naming the setting', (_what, zone) => {
    expect(synth({ 'mujaz:timeZone': zone })).toThrow(/"mujaz:timeZone" must be an IANA time zone/u);
  });

  it('refuses a language that is no newsletter language, listing those there are', () => {
    expect(synth({ 'mujaz:newsletterLanguage': 'fr' })).toThrow(
      /"mujaz:newsletterLanguage" must be one of ar, en, not "fr"/u,
    );
  });

  it('takes each newsletter language and an IANA zone, and hands them to the functions', () => {
    for (const language of NEWSLETTER_LANGUAGES) {
      const { stateless } = synth({ 'mujaz:newsletterLanguage': language, 'mujaz:timeZone': 'Europe/London' })();
      Template.fromStack(stateless).hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({ MUJAZ_NEWSLETTER_LANGUAGE: language, MUJAZ_TIME_ZONE: 'Europe/London' }),
        },
      });
    }
  });
});
