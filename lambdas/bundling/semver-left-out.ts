// Stands in for `semver` in the Lambda bundles (BUNDLE_OPTIONS.alias). The X-Ray SDK under Powertools' tracer needs
// semver only in captureAWS, to check an AWS SDK v2 version; Mujaz captures v3 clients and never calls it. The whole
// of semver is ~29 KB of every function's bundle for that one dead path.

/** What captureAWS would call: it fails loudly instead of answering wrong, should anything ever reach it. */
export function gte(): never {
  throw new Error(
    'semver is left out of the Lambda bundles (lib/function-bundles.ts): captureAWS (AWS SDK v2) is not used.',
  );
}
