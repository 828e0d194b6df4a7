import { Field, Int, ObjectType } from 'type-graphql';
import { listCost } from '../../shared/complexity';
import { MentionRole } from '../mention/mention-role.enum';

@ObjectType({ simpleResolvers: true, description: 'A person as the import would store them.' })
export class ImportPreviewPerson {
  @Field({ description: 'The full name, as the copy gives it.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Who the copy says they are ("Kremlin spokesman"); null when it does not say.' })
  description: string | null;

  @Field(() => MentionRole, { description: 'How the article involves them.' })
  role: MentionRole;
}

@ObjectType({ simpleResolvers: true, description: 'A quote as the import would store it.' })
export class ImportPreviewQuote {
  @Field({ description: 'The quoted words.' })
  text: string;

  @Field(() => String, { nullable: true, description: 'Null when the copy does not name the source.' })
  speakerName: string | null;

  @Field({ description: 'How the copy attributes the words ("said Peskov").' })
  attribution: string;

  @Field(() => Int, { description: 'The paragraph it is in, counted from 0.' })
  paragraphIndex: number;
}

@ObjectType({ simpleResolvers: true, description: 'What importArticle would store, without storing it.' })
export class ImportPreview {
  @Field({ description: 'The headline the importer read.' })
  headline: string;

  @Field({ description: 'The section it would run in.' })
  section: string;

  @Field({ description: 'The publication time the importer read (UTC).' })
  publishedAt: Date;

  @Field(() => String, { nullable: true, description: 'The image credit the importer read; null when none.' })
  imageCredit: string | null;

  @Field(() => [String], { description: 'The body, paragraph by paragraph, without page furniture.' })
  paragraphs: string[];

  @Field(() => [ImportPreviewPerson], { complexity: listCost(), description: 'In order of first appearance.' })
  people: ImportPreviewPerson[];

  @Field(() => [ImportPreviewQuote], { complexity: listCost(), description: 'In order of appearance.' })
  quotes: ImportPreviewQuote[];

  @Field(() => [String], { description: 'What the importer could not read with certainty.' })
  warnings: string[];
}
