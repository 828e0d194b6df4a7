import { registerEnumType } from 'type-graphql';

export enum ArticleOrder {
  PUBLISHED_AT_DESC = 'PUBLISHED_AT_DESC',
  PUBLISHED_AT_ASC = 'PUBLISHED_AT_ASC',
  RATING_DESC = 'RATING_DESC',
  RELEVANCE = 'RELEVANCE',
}

registerEnumType(ArticleOrder, {
  name: 'ArticleOrder',
  description: 'How an article list is ordered.',
  valuesConfig: {
    PUBLISHED_AT_DESC: { description: 'Newest first.' },
    PUBLISHED_AT_ASC: { description: 'Oldest first.' },
    RATING_DESC: { description: 'Highest average rating first, then most votes; unrated articles last.' },
    RELEVANCE: { description: 'Best full-text match first; only with filter.query.' },
  },
});
