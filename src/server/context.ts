import type { IncomingMessage } from 'node:http';
import { hashVoter, VOTER_HEADER, voterKey } from '../modules/rating/voter';
import { createLoaders, Loaders } from './loaders';
import type { Services } from './services';

export interface Viewer {
  /** Salted hash identifying the caller as a voter; throws BAD_USER_INPUT for a malformed X-Voter-Id. */
  voterHash(): string;
}

/** Per-request state handed to every resolver. */
export interface GatewayContext {
  services: Services;
  loaders: Loaders;
  viewer: Viewer;
  /** Throws UNAUTHENTICATED or FORBIDDEN unless the request carries a valid editor key. */
  requireEditor(): void;
}

export interface ContextOptions {
  services: Services;
  voterSalt: string;
  trustProxy: boolean;
  checkEditor: (authorization: string | undefined) => void;
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress;
}

export function createContext(req: IncomingMessage, options: ContextOptions): GatewayContext {
  let hash: string | undefined;
  const viewer: Viewer = {
    voterHash() {
      // Computed on first use: most requests never vote or ask for viewerStars.
      hash ??= hashVoter(
        options.voterSalt,
        voterKey({
          token: headerValue(req, VOTER_HEADER),
          address: clientAddress(req, options.trustProxy),
          userAgent: headerValue(req, 'user-agent'),
        }),
      );
      return hash;
    },
  };
  return {
    services: options.services,
    loaders: createLoaders(options.services, () => viewer.voterHash()),
    viewer,
    requireEditor: () => options.checkEditor(headerValue(req, 'authorization')),
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
