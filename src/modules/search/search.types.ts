import { createUnionType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Article } from '../article/article.entity';
import { Person } from '../person/person.entity';
import { Quote } from '../quote/quote.entity';
import { PageInfo } from '../../shared/pagination';

export enum SearchType {
  ARTICLE = 'ARTICLE',
  QUOTE = 'QUOTE',
  PERSON = 'PERSON',
}

registerEnumType(SearchType, { name: 'SearchType', description: 'What search looks through.' });

export const SearchHit = createUnionType({
  name: 'SearchHit',
  types: () => [Article, Quote, Person] as const,
  resolveType: (value) => value.constructor.name,
});

@ObjectType()
export class SearchResult {
  @Field(() => SearchHit)
  hit: Article | Quote | Person;

  @Field(() => Float, { description: 'Relevance (BM25, headline weighted above body); higher is better.' })
  score: number;

  @Field({ description: 'The matched text, HTML-escaped, with <mark>…</mark> around the matched terms.' })
  snippet: string;
}

@ObjectType()
export class SearchEdge {
  @Field()
  cursor: string;

  @Field(() => SearchResult)
  node: SearchResult;
}

@ObjectType()
export class SearchConnection {
  @Field(() => [SearchEdge])
  edges: SearchEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Hits across the types searched.' })
  totalCount: Promise<number>;
}
