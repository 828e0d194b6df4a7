import { registerEnumType } from 'type-graphql';

/**
 * The kinds of record full-text search covers: the GraphQL enum `SearchType`, and the kinds the
 * search index (src/db/search-index.ts) ranks. The one declaration of them.
 */
export enum SearchType {
  ARTICLE = 'ARTICLE',
  QUOTE = 'QUOTE',
  PERSON = 'PERSON',
}

registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'What search looks through.',
  valuesConfig: {
    ARTICLE: { description: 'Articles: headline, standfirst and body.' },
    QUOTE: { description: 'Quotes: their words.' },
    PERSON: { description: 'People: name and description.' },
  },
});

/** Every kind, in declaration order. */
export const ALL_SEARCH_TYPES: readonly SearchType[] = Object.values(SearchType);
