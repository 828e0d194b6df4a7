import { IsOptional, IsUrl, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Raw news copy to import: a headline line, optional date and credit lines, paragraphs.' })
export class ImportArticleInput {
  @Field({ description: 'The copy as plain text, at most 1 MB.' })
  text: string;

  @Field(() => String, { nullable: true, description: 'Where the copy was published; re-importing the same URL updates that article.' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'sourceUrl must be an http(s) URL' })
  @MaxLength(2000)
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Section to file the article under; overrides the copy. Default "News".' })
  @IsOptional()
  @Length(1, 100)
  section?: string | null;
}
