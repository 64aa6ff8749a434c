// Infrastructure: the cdk-nag rule packs every synth runs (AwsSolutions and Serverless), and the one way to accept a
// finding — on the construct it names, with the reason it does not apply. `npm test` lists every acceptance.
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** A synth with an unaccepted finding fails, naming the construct and the rule. */
export function applyNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
}

/** Accepts one cdk-nag finding (`AwsSolutions-IAM5[Resource::*]`) on this construct and everything under it. */
export function acceptFinding(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: rule, reason });
}
