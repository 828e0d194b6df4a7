import { Field, ObjectType } from 'type-graphql';
import { Article } from '../article/article.entity';

@ObjectType({ simpleResolvers: true, description: 'What importArticle stored.' })
export class ImportArticlePayload {
  @Field(() => Article, { description: 'The article as stored, with its people and quotes.' })
  article: Article;

  @Field({ description: 'False when an article with the same source URL or slug was updated in place.' })
  created: boolean;

  @Field(() => [String], { description: 'What the importer could not read with certainty (no date line, unnamed sources…).' })
  warnings: string[];
}
