// HTTP edge: the bearer token that admin routes (reports in, digests out) require.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './http-errors';

export function adminGuard(adminToken: string): MiddlewareHandler {
  const expected = digest(adminToken);
  return async (c, next) => {
    const given = /^Bearer\s+(.+)$/iu.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    // Hashing both sides gives equal lengths, so the comparison time reveals nothing.
    if (!given || !timingSafeEqual(digest(given), expected)) {
      throw new HttpProblem(401, 'unauthorized', 'This route needs Authorization: Bearer <admin token>.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="mujaz-admin"' },
      });
    }
    await next();
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
