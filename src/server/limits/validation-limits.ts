import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError, Kind } from 'graphql';
import type { OperationDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import type { RequestLimits } from '../../config';
import { ErrorCode, type ErrorCodeName } from '../../shared/errors';

/** graphql-armor says "Syntax Error: Query depth limit of 15 exceeded, found 16."; keep the figures, give it a code. */
function reject(code: ErrorCodeName, limit: number): GraphQLArmorRejectCallback {
  return (context, error) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    const found = /found (\d+)/.exec(message)?.[1];
    context?.reportError(new GraphQLError(message, { extensions: { code, limit, ...(found ? { found: Number(found) } : {}) } }));
  };
}

/**
 * Shape limits that do not depend on variables, so Apollo checks them once per document (validated
 * documents are cached). Cost depends on variables (`first: $n`) and is checked per request by
 * query-cost.plugin.ts instead.
 */
export function shapeLimitRules(limits: RequestLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      // Fragments are counted where they are spread, not as a level of their own, and the
      // introspection fields count like any other: `__schema { types { fields { type { ofType …` is a known bypass.
      flattenFragments: true,
      ignoreIntrospection: false,
      propagateOnRejection: false,
      onReject: [reject(ErrorCode.QUERY_TOO_DEEP, limits.maxDepth)],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [reject(ErrorCode.TOO_MANY_ALIASES, limits.maxAliases)],
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reject(ErrorCode.TOO_MANY_DIRECTIVES, limits.maxDirectives)],
    }),
    maxRootFieldsRule(limits.maxRootFields),
  ];
}

/**
 * At most `max` fields at the root of an operation, counting those inside fragments where they
 * are spread. Aliases are limited separately; this also bounds distinct root fields, each of which
 * starts its own SQL work.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const seen = new Set<string>();
      const countFields = (selectionSet: SelectionSetNode): number => {
        let total = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) total += 1;
          else if (selection.kind === Kind.INLINE_FRAGMENT) total += countFields(selection.selectionSet);
          else if (!seen.has(selection.name.value)) {
            // A fragment spread twice at the root still selects its fields once (they merge).
            seen.add(selection.name.value);
            const fragment = context.getFragment(selection.name.value);
            if (fragment) total += countFields(fragment.selectionSet);
          }
        }
        return total;
      };
      const found = countFields(operation.selectionSet);
      if (found > max) {
        context.reportError(
          new GraphQLError(`Root field limit of ${max} exceeded, found ${found}.`, {
            nodes: [operation],
            extensions: { code: ErrorCode.TOO_MANY_ROOT_FIELDS, limit: max, found },
          }),
        );
      }
    },
  });
}
