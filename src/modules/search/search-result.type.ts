import { createUnionType, Directive, Field, Float, ObjectType } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';
import { typeNameOf } from '../../shared/node.interface';
import { Article } from '../article/article.entity';
import { Person } from '../person/person.entity';
import { Quote } from '../quote/quote.entity';

export const SearchHit = createUnionType({
  name: 'SearchHit',
  description: 'What a search found: an article, a quote or a person.',
  types: () => [Article, Quote, Person] as const,
  resolveType: typeNameOf,
});

@ObjectType({ simpleResolvers: true, description: 'One search hit with its score and snippet.' })
@Directive(CacheHint.LIST)
export class SearchResult {
  @Field(() => SearchHit, { description: 'The article, quote or person found.' })
  hit: Article | Quote | Person;

  @Field(() => Float, { description: 'Relevance (BM25, headline weighted above body); higher is better.' })
  score: number;

  @Field({ description: 'The matched text, HTML-escaped, with <mark>…</mark> around the matched terms.' })
  snippet: string;
}
