// Test support (integration project): 30 s a test — flows against the local services run for seconds, more on a
// loaded machine. Set here because jest reads `testTimeout` from the root config alone, never a project's.
jest.setTimeout(30_000);
