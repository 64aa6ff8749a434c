// Infrastructure entry point: `npm run synth` (offline) or `npx cdk deploy --all`. Settings come from cdk.json context.
import { App } from 'aws-cdk-lib';
import { ContextSettingError } from './context';
import { buildMujaz } from './mujaz-app';
import { applyNagChecks } from './nag';

const app = new App();
try {
  buildMujaz(app);
  applyNagChecks(app);
} catch (error) {
  // A setting the operator must fix: its message says which and how; a stack trace would only bury it.
  if (!(error instanceof ContextSettingError)) throw error;
  console.error(`${error.message}.`);
  process.exit(1);
}
