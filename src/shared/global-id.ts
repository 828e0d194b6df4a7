import { badUserInput } from './errors';

/** The largest id a row can have: the integer primary keys are 32-bit. */
export const MAX_ID = 2_147_483_647;

/** The types that `node(id)` can resolve. */
export const NODE_TYPES = ['Article', 'Person', 'Quote'] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

export interface GlobalId {
  type: NodeTypeName;
  id: number;
}

/**
 * Opaque global IDs ("Article:12", base64url-encoded), so that clients never build URLs or caches
 * on the database's integer keys and a server engine can change them without breaking clients.
 */
export function encodeGlobalId(type: NodeTypeName, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a well-formed global ID. */
export function decodeGlobalId(value: string): GlobalId | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) return null;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9]\d{0,15})$/.exec(decoded);
  if (!match || !(NODE_TYPES as readonly string[]).includes(match[1])) return null;
  const id = Number(match[2]);
  // Ids are 32-bit on every engine: a larger one names nothing (PostgreSQL would refuse to compare it).
  if (id > MAX_ID) return null;
  return { type: match[1] as NodeTypeName, id };
}

/** Decodes an ID argument that must name a given type; a malformed one is the caller's error. */
export function expectGlobalId(value: string, type: NodeTypeName, argumentName: string): number {
  const decoded = decodeGlobalId(value);
  if (!decoded || decoded.type !== type) {
    throw badUserInput(`${argumentName} is not a valid ${type} ID: "${value}"`, { argumentName });
  }
  return decoded.id;
}
