import type { AuthChecker } from 'type-graphql';
import type { GatewayContext } from './context';

export const EDITOR_ROLE = 'EDITOR';

/**
 * type-graphql runs this before validating a field's arguments, so a caller without a key
 * hears UNAUTHENTICATED or FORBIDDEN first, whatever else is wrong with the request.
 */
export const authChecker: AuthChecker<GatewayContext> = ({ context }, roles) => {
  if (roles.includes(EDITOR_ROLE)) context.requireEditor();
  return true;
};
