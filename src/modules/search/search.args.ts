import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/page-size';
import { SearchType } from '../../shared/search-type.enum';

@ArgsType()
export class SearchArgs {
  @Field({ description: 'Words to find; "quoted phrases" match as phrases, the last word as a prefix.' })
  @Length(0, 500)
  query: string;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Hits on the page, at most ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor from an earlier page: the hits after it.' })
  @IsOptional()
  after?: string | null;

  @Field(() => [SearchType], { nullable: true, description: 'Only these kinds of hit; all when omitted.' })
  @IsOptional()
  types?: SearchType[] | null;
}
