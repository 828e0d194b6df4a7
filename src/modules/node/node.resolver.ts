import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { idsCost } from '../../shared/complexity';
import { badUserInput } from '../../shared/errors';
import { decodeGlobalId, encodeGlobalId, NodeTypeName } from '../../shared/global-id';
import { Node } from '../../shared/node.interface';
import { loadNode } from './load-node';
import type { NodeContext } from './node.context';

const MAX_NODES = 100;

@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when it does not exist.' })
  async node(
    @Arg('id', () => ID, { description: 'A global ID, as any `id` field gives it.' }) id: string,
    @Ctx() { loaders }: NodeContext,
  ): Promise<object | null> {
    const decoded = decodeGlobalId(id);
    if (!decoded) throw badUserInput(`id is not a valid global ID: "${id}"`, { argumentName: 'id' });
    return loadNode(decoded, loaders);
  }

  @Query(() => [Node], {
    nullable: 'items',
    complexity: idsCost,
    description: `Objects by global ID, in the order asked (null for missing ones); at most ${MAX_NODES}.`,
  })
  async nodes(
    @Arg('ids', () => [ID], { description: 'Global IDs, as `id` fields give them.' }) ids: string[],
    @Ctx() context: NodeContext,
  ): Promise<(object | null)[]> {
    if (ids.length > MAX_NODES) throw badUserInput(`ids may hold at most ${MAX_NODES} IDs.`, { argumentName: 'ids' });
    // Through the request's DataLoaders: one query per type, however many IDs.
    return Promise.all(ids.map((id) => this.node(id, context)));
  }

  /** Every Node type's `id`: the entity's integer key wrapped into its global ID. */
  @FieldResolver(() => ID)
  id(@Root() node: { id: number }, @Info() info: GraphQLResolveInfo): string {
    return encodeGlobalId(info.parentType.name as NodeTypeName, node.id);
  }
}
