// MUJAZ_FETCH_ALLOW lets the web fetcher reach named servers whose addresses are not public: tests and `npm run dev`
// only. No function the stack deploys may have it, whatever the context: on Lambda, loopback serves the runtime API.
import { ENVIRONMENT_VARIABLES } from '../../lambdas/composition/config';
import { synthMujaz } from './mujaz-templates';

type Resource = { Type: string; Properties: { Environment?: { Variables?: Record<string, unknown> } } };

describe.each([
  ['with the API’s own URL', {}],
  ['with a public domain', { 'mujaz:domainName': 'news.example.com' }],
])('the synthesized stacks, %s', (_, context) => {
  const templates = synthMujaz(context);
  const functions = [templates.data, templates.service].flatMap((template) =>
    Object.values(template.toJSON().Resources as Record<string, Resource>).filter(
      (resource) => resource.Type === 'AWS::Lambda::Function',
    ),
  );

  it(`set ${ENVIRONMENT_VARIABLES.fetchAllow} in no function’s environment`, () => {
    const environments = functions.map((resource) => Object.keys(resource.Properties.Environment?.Variables ?? {}));
    // The environments read are the ones the functions get: Mujaz's own variables are there.
    expect(environments.filter((names) => names.includes(ENVIRONMENT_VARIABLES.tableName)).length).toBeGreaterThan(4);
    expect(environments.filter((names) => names.includes(ENVIRONMENT_VARIABLES.fetchAllow))).toEqual([]);
  });

  it(`name ${ENVIRONMENT_VARIABLES.fetchAllow} nowhere in either template`, () => {
    for (const template of [templates.data, templates.service]) {
      expect(JSON.stringify(template.toJSON())).not.toContain(ENVIRONMENT_VARIABLES.fetchAllow);
    }
  });
});
