import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CacheHint } from '../../shared/cache-hints';
import { Node } from '../../shared/node.interface';
import { Article } from '../article/article.entity';
import { Person } from '../person/person.entity';

@Entity({ name: 'quote' })
@Index('idx_quote_article', ['articleId', 'position'])
@Index('idx_quote_speaker', ['speakerId', 'articleId', 'position'])
// A speaker's quotes newest first, straight off the index (see Mention.publishedAt).
@Index('idx_quote_speaker_published', ['speakerId', 'publishedAt', 'articleId', 'position'])
@ObjectType({ simpleResolvers: true, implements: Node, description: "Someone's words, as quoted in an article." })
@Directive(CacheHint.RECORD)
export class Quote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'article_id' })
  articleId: number;

  /** Null when the copy does not name the source. */
  @Column({ name: 'speaker_id', type: 'integer', nullable: true })
  speakerId: number | null;

  @Field({ description: 'The words inside the quotation marks, trailing punctuation trimmed.' })
  @Column({ type: 'text' })
  text: string;

  @Field({ description: 'How the copy attributes the quote, e.g. "Kadyrov stated".' })
  @Column({ type: 'text' })
  attribution: string;

  @Field(() => Int, { description: 'Index of the body paragraph the quote is in, from 0.' })
  @Column({ name: 'paragraph_index', type: 'integer' })
  paragraphIndex: number;

  /** Order of appearance in the article, from 0. */
  @Column({ type: 'integer' })
  position: number;

  /** The article's publication time, copied here (written with the quote, which an import replaces with the article). */
  @Column({ name: 'published_at', select: false })
  publishedAt: Date;

  // Relations for the schema's foreign keys only: resolvers load through DataLoaders, not joins.
  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Article;

  @ManyToOne(() => Person, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Person | null;
}
