// CDK context: one typed reader for cdk.json's JSON values and `-c`'s strings alike, refusing what it cannot read,
// and a deploy refused while cdk.json still holds its example values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContextSettingError, ContextSettings } from '../../lib/context';
import { FUNCTION_ENTRIES } from '../../lib/function-bundles';
import { ALLOW_PLACEHOLDERS } from '../../lib/mujaz-app';
import { buildError, cdkJson, synthMujaz, testContext } from './mujaz-templates';

/** Settings read from this context, as `app.node` would give them. */
const settings = (context: Record<string, unknown>) =>
  new ContextSettings({ tryGetContext: (key) => context[key], getAllContext: () => context });

describe('the typed reader', () => {
  it.each([
    [true, true],
    ['true', true],
    [false, false],
    ['false', false],
    [undefined, true],
    [null, true],
  ])('reads the boolean %p as %p (fallback true)', (value, expected) => {
    expect(settings({ 'mujaz:flag': value }).boolean('mujaz:flag', true)).toBe(expected);
  });

  it.each([['yes'], ['1'], ['False'], ['TRUE'], [''], [1], [['true']]])('refuses %p for a boolean', (value) => {
    expect(() => settings({ 'mujaz:flag': value }).boolean('mujaz:flag', true)).toThrow(
      new ContextSettingError('mujaz:flag', `must be true or false, not ${JSON.stringify(value)}`),
    );
  });

  const range = { min: 2, max: 1_000, fallback: 5 };
  it.each([
    [7, 7],
    ['7', 7],
    ['+12', 12],
    ['9', 9],
    [2, 2],
    ['1000', 1_000],
    [undefined, 5],
  ])('reads the whole number %p as %p', (value, expected) => {
    expect(settings({ 'mujaz:n': value }).integer('mujaz:n', range)).toBe(expected);
  });

  it.each([['7x'], [''], ['2.5'], [2.5], ['0x10'], ['1e3'], [1], ['1001'], [true], [[7]]])(
    'refuses %p for a whole number from 2 to 1000',
    (value) => {
      expect(() => settings({ 'mujaz:n': value }).integer('mujaz:n', range)).toThrow(
        /CDK context "mujaz:n" must be a whole number from 2 to 1000, not /u,
      );
    },
  );

  it.each([
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
    ['a,b', ['a', 'b']],
    [' a , b ', ['a', 'b']],
    ['a', ['a']],
    [[], []],
    ['', []],
    [undefined, []],
  ])('reads the list %p as %p', (value, expected) => {
    expect(settings({ 'mujaz:list': value }).list('mujaz:list')).toEqual(expected);
  });

  it.each([['a,,b'], [['a', 5]], [['']], [5], [{ a: 'b' }]])('refuses %p for a list', (value) => {
    expect(() => settings({ 'mujaz:list': value }).list('mujaz:list')).toThrow(/"mujaz:list" must be a list of texts/u);
  });

  it('reads text as it is, takes an empty one for none, and refuses anything that is not text', () => {
    const read = settings({ 'mujaz:a': 'موجز <d@x.org>', 'mujaz:b': '', 'mujaz:c': 5, 'mujaz:d': false });
    expect(read.text('mujaz:a')).toBe('موجز <d@x.org>');
    expect(read.optionalText('mujaz:b')).toBeUndefined();
    expect(() => read.text('mujaz:b')).toThrow('CDK context "mujaz:b" is missing');
    expect(() => read.text('mujaz:missing')).toThrow('CDK context "mujaz:missing" is missing');
    expect(() => read.optionalText('mujaz:c')).toThrow('CDK context "mujaz:c" must be text, not 5');
    expect(() => read.optionalText('mujaz:d')).toThrow('CDK context "mujaz:d" must be text, not false');
  });

  it('refuses a setting of its own that nothing reads, and leaves everyone else’s alone', () => {
    const read = settings({ 'mujaz:known': 'x', 'mujaz:typo': 'y', 'mujaz:other': 'z', '@aws-cdk/flag': true });
    read.text('mujaz:known');
    expect(() => read.refuseUnread('mujaz:')).toThrow('CDK context "mujaz:typo", "mujaz:other" are not settings');
    read.text('mujaz:typo');
    expect(() => read.refuseUnread('mujaz:')).toThrow('CDK context "mujaz:other" is not a setting');
    read.text('mujaz:other');
    expect(() => read.refuseUnread('mujaz:')).not.toThrow();
  });
});

describe('every setting of the app, from cdk.json or from -c', () => {
  const functionEnvironments = (service: ReturnType<typeof synthMujaz>['service']) =>
    Object.values(service.findResources('AWS::Lambda::Function')).map(
      (fn) => (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment,
    );

  it('takes -c mujaz:verifyEmailDomain=false as false, and true as true', () => {
    expect(synthMujaz({ 'mujaz:verifyEmailDomain': 'false' }).data.findResources('AWS::SES::EmailIdentity')).toEqual(
      {},
    );
    synthMujaz({ 'mujaz:verifyEmailDomain': 'true' }).data.resourceCountIs('AWS::SES::EmailIdentity', 1);
  });

  it('takes -c mujaz:sourceMapsAtRuntime=true as true, and false as false', () => {
    const withMaps = functionEnvironments(synthMujaz({ 'mujaz:sourceMapsAtRuntime': 'true' }).service);
    expect(withMaps).toHaveLength(Object.keys(FUNCTION_ENTRIES).length);
    for (const environment of withMaps) expect(environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    for (const environment of functionEnvironments(synthMujaz({ 'mujaz:sourceMapsAtRuntime': 'false' }).service))
      expect(environment.Variables.NODE_OPTIONS).toBeUndefined();
  });

  it('takes -c mujaz:deliverConcurrency=7 as the number 7', () => {
    const mappings = Object.values(
      synthMujaz({ 'mujaz:deliverConcurrency': '7' }).service.findResources('AWS::Lambda::EventSourceMapping'),
    ).map((mapping) => (mapping as { Properties: { ScalingConfig: { MaximumConcurrency: number } } }).Properties);
    // The deliver function's two mappings, the import function's four steps at once, and the poll function's ten.
    expect(mappings.map((mapping) => mapping.ScalingConfig.MaximumConcurrency).sort((a, b) => a - b)).toEqual([
      2, 4, 7, 10,
    ]);
  });

  it.each([
    ['mujaz:verifyEmailDomain', 'no', /"mujaz:verifyEmailDomain" must be true or false, not "no"/u],
    ['mujaz:sourceMapsAtRuntime', '1', /"mujaz:sourceMapsAtRuntime" must be true or false, not "1"/u],
    ['mujaz:deliverConcurrency', '5 readers', /"mujaz:deliverConcurrency" must be a whole number/u],
    ['mujaz:newsletterName', 7, /"mujaz:newsletterName" must be text, not 7/u],
    ['mujaz:operators', 'editor@news.mujaz.org,not an address', /"mujaz:operators" entry 2 is not an email address/u],
    ['mujaz:operators', [7], /"mujaz:operators" must be a list of texts/u],
    ['mujaz:verifyEmailDomian', 'false', /"mujaz:verifyEmailDomian" is not a setting/u],
    [ALLOW_PLACEHOLDERS, 'yes', /"mujaz:allowPlaceholders" must be true or false/u],
  ])('refuses %s = %p, naming it', (key, value, message) => {
    const error = buildError({ [key]: value });
    expect(error).toBeInstanceOf(ContextSettingError);
    expect(String(error)).toMatch(message);
  });
});

describe('the example values cdk.json ships', () => {
  const own = { 'mujaz:fromAddress': 'Digest <digest@news.mujaz.org>', 'mujaz:operators': ['editor@news.mujaz.org'] };
  const withoutOptIn = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };

  it('refuse a deploy, naming the setting and the way to synthesize them anyway', () => {
    const error = buildError({}, withoutOptIn);
    expect(error).toBeInstanceOf(ContextSettingError);
    expect(String(error)).toMatch(/"mujaz:fromAddress" is an example: example\.com is reserved for documentation/u);
    expect(String(error)).toContain(`-c ${ALLOW_PLACEHOLDERS}=true`);
  });

  it.each([
    ['Digest <digest@example.org>', 'example.org'],
    ['digest@mail.example.net', 'mail.example.net'],
    ['digest@newsletter.test', 'newsletter.test'],
    ['digest@localhost', 'localhost'],
  ])('count %s as an example too', (fromAddress, domain) => {
    expect(String(buildError({ 'mujaz:fromAddress': fromAddress }, withoutOptIn))).toContain(
      `"mujaz:fromAddress" is an example: ${domain} is reserved`,
    );
  });

  it('refuse an example public domain as well, and build with the operator’s own values without any opt-in', () => {
    expect(String(buildError({ ...own, 'mujaz:domainName': 'news.example.com' }, withoutOptIn))).toMatch(
      /"mujaz:domainName" is an example: news\.example\.com/u,
    );
    expect(buildError({ ...own, 'mujaz:domainName': 'news.mujaz.org' }, withoutOptIn)).toBeUndefined();
    // Domains that merely contain the word are anyone's.
    expect(buildError({ ...own, 'mujaz:fromAddress': 'digest@myexample.com' }, withoutOptIn)).toBeUndefined();
    // The opt-in is a setting like the others: with real values it changes nothing, and -c's spelling is taken.
    expect(buildError({ ...own, [ALLOW_PLACEHOLDERS]: 'true' }, withoutOptIn)).toBeUndefined();
    expect(buildError({ [ALLOW_PLACEHOLDERS]: 'true' }, withoutOptIn)).toBeUndefined();
    expect(buildError({ [ALLOW_PLACEHOLDERS]: 'false' }, withoutOptIn)).toBeInstanceOf(ContextSettingError);
  });

  it('refuse an example operator, and take none at all (no console)', () => {
    expect(String(buildError({ ...own, 'mujaz:operators': ['Editor@Example.com'] }, withoutOptIn))).toMatch(
      /"mujaz:operators" is an example: example\.com is reserved/u,
    );
    expect(buildError({ ...own, 'mujaz:operators': [] }, withoutOptIn)).toBeUndefined();
  });

  it('are synthesized by npm run synth alone, which opts in, while cdk.json never does', () => {
    const { scripts } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.synth).toMatch(new RegExp(`^cdk synth .*-c ${ALLOW_PLACEHOLDERS}=true`, 'u'));
    expect(cdkJson.context).not.toHaveProperty(ALLOW_PLACEHOLDERS);
    expect(Object.values(scripts).filter((script) => script.includes(ALLOW_PLACEHOLDERS))).toHaveLength(1);
    expect(testContext()).toHaveProperty(ALLOW_PLACEHOLDERS, true);
  });
});
