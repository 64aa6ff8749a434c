// Infrastructure entry point: `npm run synth` (offline) or `npx cdk deploy --all`. Settings come from cdk.json context.
import { App } from 'aws-cdk-lib';
import { buildMujaz } from './mujaz-app';
import { applyNagChecks } from './nag';

const app = new App();
buildMujaz(app);
applyNagChecks(app);
