import { Field, Int, ObjectType } from 'type-graphql';
import { listCost } from '../../shared/complexity';
import { MentionRole } from '../mention/mention-role.enum';

@ObjectType({ simpleResolvers: true, description: 'A person as the import would store them.' })
export class ImportPreviewPerson {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => MentionRole)
  role: MentionRole;
}

@ObjectType({ simpleResolvers: true, description: 'A quote as the import would store it.' })
export class ImportPreviewQuote {
  @Field()
  text: string;

  @Field(() => String, { nullable: true, description: 'Null when the copy does not name the source.' })
  speakerName: string | null;

  @Field()
  attribution: string;

  @Field(() => Int)
  paragraphIndex: number;
}

@ObjectType({ simpleResolvers: true, description: 'What importArticle would store, without storing it.' })
export class ImportPreview {
  @Field()
  headline: string;

  @Field()
  section: string;

  @Field()
  publishedAt: Date;

  @Field(() => String, { nullable: true })
  imageCredit: string | null;

  @Field(() => [String])
  paragraphs: string[];

  @Field(() => [ImportPreviewPerson], { complexity: listCost(), description: 'In order of first appearance.' })
  people: ImportPreviewPerson[];

  @Field(() => [ImportPreviewQuote], { complexity: listCost(), description: 'In order of appearance.' })
  quotes: ImportPreviewQuote[];

  @Field(() => [String])
  warnings: string[];
}
