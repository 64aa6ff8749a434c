// Test support: the real MJML renderer over templates/, compiled once and shared by a test file's tests.
import { join } from 'node:path';
import { MjmlEmailRenderer, readEmailTemplates } from '../../lambdas/adapters/mjml-email-renderer';

let shared: MjmlEmailRenderer | undefined;

export function realRenderer(): MjmlEmailRenderer {
  shared ??= new MjmlEmailRenderer(readEmailTemplates(join(__dirname, '..', '..', 'templates')));
  return shared;
}
