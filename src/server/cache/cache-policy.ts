import {
  type ConstDirectiveNode,
  type DocumentNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** What a response may be reused for: `maxAge` seconds (0: not at all), by anyone or only by its caller. */
export interface CachePolicy {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

interface Hint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

function hintOf(directives: readonly ConstDirectiveNode[] | undefined): Hint | undefined {
  const directive = directives?.find((node) => node.name.value === 'cacheControl');
  if (!directive) return undefined;
  const hint: Hint = {};
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === 'maxAge' && value.kind === 'IntValue') hint.maxAge = Number(value.value);
    if (argument.name.value === 'scope' && value.kind === 'EnumValue') hint.scope = value.value as Hint['scope'];
    if (argument.name.value === 'inheritMaxAge' && value.kind === 'BooleanValue') hint.inheritMaxAge = value.value;
  }
  return hint;
}

/** A composite type's hint; an interface or union without one takes the strictest of its members'. */
function typeHint(schema: GraphQLSchema, type: GraphQLCompositeType): Hint | undefined {
  const own = hintOf(type.astNode?.directives);
  if (own || !isAbstractType(type)) return own;
  const members = schema.getPossibleTypes(type).map((member) => hintOf(member.astNode?.directives));
  if (members.some((hint) => hint?.maxAge === undefined)) return undefined;
  return {
    maxAge: Math.min(...members.map((hint) => hint!.maxAge!)),
    scope: members.some((hint) => hint?.scope === 'PRIVATE') ? 'PRIVATE' : undefined,
  };
}

const perDocument = new WeakMap<DocumentNode, Map<string, CachePolicy>>();

/**
 * The cache policy of an operation, from the `@cacheControl` hints alone, as Apollo's cache-control
 * plugin computes it (a field's hint, else its type's; a field returning an object, and a root
 * field, without either is not cacheable; a leaf field takes its parent's; the policy is the
 * shortest maxAge and the narrowest scope met). Our hints never depend on the data, so the policy
 * is a property of the document: worked out once per parsed document instead of at every field of
 * every request, which Apollo's plugin does by wrapping every resolver.
 */
export function cachePolicyOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CachePolicy {
  const key = operation.name?.value ?? '';
  let policies = perDocument.get(document);
  const known = policies?.get(key);
  if (known) return known;
  const policy: CachePolicy = { maxAge: operation.operation === 'query' ? Number.POSITIVE_INFINITY : 0, scope: 'PUBLIC' };
  const typeInfo = new TypeInfo(schema);
  const used = new Set<string>();
  // Only the operation and the fragments it spreads count.
  const visitor = visitWithTypeInfo(typeInfo, {
    FragmentSpread(node) {
      used.add(node.name.value);
    },
    Field(node) {
      const field = typeInfo.getFieldDef() as GraphQLField<unknown, unknown> | null;
      const parent = typeInfo.getParentType();
      if (!field || !parent || node.name.value.startsWith('__')) return;
      const returned = getNamedType(field.type);
      const fieldHint = hintOf(field.astNode?.directives);
      const hint = fieldHint ?? (isCompositeType(returned) ? typeHint(schema, returned) : undefined);
      if (hint?.scope === 'PRIVATE') policy.scope = 'PRIVATE';
      if (hint?.maxAge !== undefined) policy.maxAge = Math.min(policy.maxAge, hint.maxAge);
      else if (!hint?.inheritMaxAge && (isCompositeType(returned) || parent === schema.getQueryType())) policy.maxAge = 0;
    },
  });
  visit(operation, visitor);
  for (let done = 0; done < used.size;) {
    const names = [...used].slice(done);
    done = used.size;
    for (const definition of document.definitions) {
      if (definition.kind === 'FragmentDefinition' && names.includes(definition.name.value)) visit(definition, visitor);
    }
  }
  if (!Number.isFinite(policy.maxAge)) policy.maxAge = 0;
  if (!policies) perDocument.set(document, (policies = new Map()));
  policies.set(key, policy);
  return policy;
}

/** The Cache-Control header for a policy. */
export function cacheControlHeader(policy: CachePolicy): string {
  return policy.maxAge > 0 ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store';
}
