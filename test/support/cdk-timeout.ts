// Test support (cdk project): 60 s a test — a synth with bundling runs for seconds, more on a loaded machine. Set
// here because jest reads `testTimeout` from the root config alone, never a project's.
jest.setTimeout(60_000);
