import type { CorsOrigins } from '../config';

/**
 * The CORS response headers for a request from `origin` (its Origin header), as CORS_ORIGINS
 * allows: every origin (`*`, the default outside production), a list, or none (the default in
 * production: a browser app on another origin must be named). Applied alike by the fast path and,
 * through `cors`, by Express.
 */
export function corsHeaders(allowed: CorsOrigins, origin: string | undefined): Record<string, string> {
  if (allowed === '*') return { 'access-control-allow-origin': '*' };
  // The answer depends on the Origin header: shared caches must keep one copy per origin.
  if (origin !== undefined && originAllowed(allowed, origin)) return { 'access-control-allow-origin': origin, vary: 'Origin' };
  return { vary: 'Origin' };
}

/** Whether CORS_ORIGINS lets a page from `origin` read responses (or open a WebSocket). */
export function originAllowed(allowed: CorsOrigins, origin: string): boolean {
  return allowed === '*' || allowed.includes(origin);
}
