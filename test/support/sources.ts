// Test support: a feed source as registration leaves it, with the fields a test cares about given.
import type { Source } from '../../lambdas/core/domain/source';

export function aSource(fields: Partial<Source> = {}): Source {
  return {
    id: 'src-1',
    url: 'https://example.com/feed.xml',
    name: 'Example',
    fullText: 'auto',
    state: 'active',
    createdAt: '2026-02-01T00:00:00.000Z',
    nextPollAt: '2026-03-01T13:00:00.000Z',
    consecutiveFailures: 0,
    reportsCreated: 0,
    ignoreCache: false,
    cache: {},
    ...fields,
  };
}
