// Three projects, so the fast ones never wait for DynamoDB Local:
//   unit        pure core, HTTP app and adapters with in-memory fakes (no services)
//   integration flows against the real DynamoDB Local and SES endpoint (started once by global setup)
//   cdk         CDK assertions on the synthesized templates
// Type-checking is its own step (`tsc -p .` in `npm test`); ts-jest only transpiles (isolatedModules).
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default on 2 cores is one worker, and much integration time is waiting on DynamoDB Local, SQS and SES
  // (other processes). Two workers, with DynamoDB Local's JVM flags (service-host.ts), took the whole run on 2 cores
  // from 596 s to 297 s (a clean clone, an empty cache).
  maxWorkers: Math.max(2, availableParallelism() - 1),
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      // `testTimeout` is read from the root config alone; a project sets its own timeout in a setup file.
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
    {
      ...common,
      displayName: 'cdk',
      testMatch: ['<rootDir>/test/cdk/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/cdk-timeout.ts'],
    },
  ],
};
