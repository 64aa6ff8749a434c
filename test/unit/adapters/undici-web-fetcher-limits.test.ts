// The fetcher's limits as the issue sets them: what every fetcher has unless a test gives it smaller ones.
import { DEFAULT_FETCH_LIMITS } from '../../../lambdas/adapters/undici-web-fetcher';

it('connects within 10 s, gets the whole document within 20 s, reads 5 MB at most and follows 4 redirects', () => {
  expect(DEFAULT_FETCH_LIMITS).toEqual({
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 20_000,
    maxBodyBytes: 5 * 1024 * 1024,
    maxRedirects: 4,
  });
});
