import type { AuthChecker } from 'type-graphql';
import { EDITOR_ROLE } from '../shared/roles';

/** The part of the per-request context the auth checker reads (src/server/context.ts provides it). */
export interface EditorCheckContext {
  /** Throws UNAUTHENTICATED or FORBIDDEN unless the request carries a valid editor key. */
  requireEditor(): void;
}

/**
 * type-graphql runs this before validating a field's arguments, so a caller without a key
 * hears UNAUTHENTICATED or FORBIDDEN first, whatever else is wrong with the request.
 */
export const authChecker: AuthChecker<EditorCheckContext> = ({ context }, roles) => {
  if (roles.includes(EDITOR_ROLE)) context.requireEditor();
  return true;
};
