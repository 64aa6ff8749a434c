// The deploy docs count what the stacks deploy ("five functions", "two schedules"): every such count in README.md
// and docs/DEPLOY.md is checked against the synthesized templates, and a count of a kind this test does not know
// fails until it is taught here — so the docs never go on saying four functions when there are five.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { synthMujaz } from './mujaz-templates';

const DOCS = ['README.md', 'docs/DEPLOY.md'];
const NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
/** A number, up to two words, and a kind of thing a stack deploys. */
const COUNT =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(?:[\w'’-]+\s+){0,2}?(functions?|stacks?|secrets?|schedules?|queues?|alarms?|topics?|tables?|records?|routes?|roles?|dashboards?|identit(?:y|ies)|certificates?|domains?)\b/giu;

type Templates = { data: Template; service: Template };
const resources = (template: Template) =>
  Object.values(template.toJSON().Resources as Record<string, { Type: string }>);
const countOf = (template: Template, type: string) => resources(template).filter((r) => r.Type === type).length;

/** What each known count says, read up to its end: the first whose pattern ends the text before it is the one. */
const CLAIMS: Array<{ pattern: RegExp; actual: (templates: Templates) => number }> = [
  {
    // The HTTP API's routes, served by the readers' function and the admin function.
    pattern: /routes run in (\w+) functions/u,
    actual: ({ service }) =>
      new Set(
        Object.values(
          service.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
        )
          .filter((r) => r.Type === 'AWS::ApiGatewayV2::Integration')
          .map((r) => JSON.stringify(r.Properties.IntegrationUri)),
      ).size,
  },
  { pattern: /(\w+) functions/u, actual: ({ service }) => countOf(service, 'AWS::Lambda::Function') },
  { pattern: /(\w+) (?:generated )?secrets/u, actual: ({ data }) => countOf(data, 'AWS::SecretsManager::Secret') },
  { pattern: /(\w+) CloudFormation stacks/u, actual: () => 2 },
  { pattern: /(\w+) schedules/u, actual: ({ service }) => countOf(service, 'AWS::Scheduler::Schedule') },
  {
    pattern: /(\w+) CNAME records/u,
    actual: ({ data }) => Object.keys(data.findOutputs('*')).filter((name) => /^DkimRecord\d$/u.test(name)).length,
  },
];

const templates = synthMujaz();

describe.each(DOCS)('%s', (doc) => {
  const text = readFileSync(join(__dirname, '..', '..', doc), 'utf8').replace(/\s+/gu, ' ');
  const counts = [...text.matchAll(COUNT)].map((match) => {
    const before = text.slice(Math.max(0, match.index - 40), match.index + match[0].length);
    const claim = CLAIMS.find(({ pattern }) => new RegExp(`${pattern.source}$`, 'iu').test(before));
    const number = match[1]!.toLowerCase();
    return { said: match[0], stated: NUMBERS[number] ?? Number(number), claim };
  });

  it('counts only what this test checks', () => {
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.filter(({ claim }) => claim === undefined).map(({ said }) => said)).toEqual([]);
  });

  it('counts what the templates hold', () => {
    const wrong = counts
      .filter(({ claim }) => claim !== undefined)
      .map(({ said, stated, claim }) => ({ said, stated, actual: claim!.actual(templates) }))
      .filter(({ stated, actual }) => stated !== actual);
    expect(wrong).toEqual([]);
  });
});
