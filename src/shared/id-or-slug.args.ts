import { IsOptional, Length } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { badUserInput } from './errors';
import { expectGlobalId, NodeTypeName } from './global-id';

/** `article(id, slug)`, `person(id, slug)`: a record by its global ID or by its slug. */
@ArgsType()
export class IdOrSlugArgs {
  @Field(() => ID, { nullable: true, description: 'The global ID; give this or `slug`.' })
  @IsOptional()
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'The slug; give this or `id`.' })
  @IsOptional()
  @Length(1, 200)
  slug?: string | null;
}

/** Looks a record up by exactly one of id or slug; both or neither is the caller's error. */
export function findByIdOrSlug<T>(
  { id, slug }: IdOrSlugArgs,
  type: NodeTypeName,
  byId: (id: number) => Promise<T | null>,
  bySlug: (slug: string) => Promise<T | null>,
): Promise<T | null> {
  if ((id == null) === (slug == null)) throw badUserInput(`${type.toLowerCase()} needs exactly one of id or slug.`);
  return id != null ? byId(expectGlobalId(id, type, 'id')) : bySlug(slug as string);
}
