import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/** Selections per field node of a parsed document, by path; Apollo keeps one parsed document per query text. */
const remembered = new WeakMap<FieldNode, Map<string, readonly string[]>>();

/**
 * The names of the fields a resolver's result is asked for, sorted, `path` levels down (`['edges', 'node']`
 * for a connection's nodes): fragments and inline fragments are expanded whatever their type
 * condition, and `@skip`/`@include` are not evaluated, so the set is never smaller than what the
 * operation can ask for. Reads use it to select only the columns the operation needs.
 */
export function selectedFields(info: SelectionInfo, path: readonly string[] = []): readonly string[] {
  const key = path.join('.');
  // One field node is the same selection every time its document runs; merged nodes are worked out each time.
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const known = node && remembered.get(node)?.get(key);
  if (known) return known;
  let sets = selectionSets(info.fieldNodes);
  for (const step of path) sets = selectionSets(fieldsNamed(sets, step, info.fragments));
  // Sorted and without repeats, so equal selections make equal loader keys.
  const names = [...new Set(allFields(sets, info.fragments).map((field) => field.name.value))].sort();
  if (node) {
    let byPath = remembered.get(node);
    if (!byPath) remembered.set(node, (byPath = new Map()));
    byPath.set(key, names);
  }
  return names;
}

function selectionSets(fields: readonly FieldNode[]): SelectionSetNode[] {
  return fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
}

function fieldsNamed(sets: readonly SelectionSetNode[], name: string, fragments: SelectionInfo['fragments']): FieldNode[] {
  return allFields(sets, fragments).filter((field) => field.name.value === name);
}

/** The fields of these selection sets, with fragments expanded (each named fragment once). */
function allFields(sets: readonly SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return fields;
}
