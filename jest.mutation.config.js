// The jest run Stryker mutates against (`npm run mutate`): the core's own unit tests, flat (Stryker's jest runner
// takes one project). The core is pure, so its tests, with in-memory fakes for the ports, are the ones that must
// kill its mutants; the HTTP and adapter tests load mjml and linkedom, which would make every mutant cost seconds.
const { projects } = require('./jest.config');

const { displayName: _displayName, ...unit } = projects.find((project) => project.displayName === 'unit');

/** @type {import('jest').Config} */
module.exports = { ...unit, rootDir: __dirname, testMatch: ['<rootDir>/test/unit/core/**/*.test.ts'] };
