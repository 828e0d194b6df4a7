import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { FieldColumns } from '../../db/column-selection';
import { CacheHint } from '../../shared/cache-hints';
import { Node } from '../../shared/node.interface';
import { Image } from './image.type';

@Entity({ name: 'article' })
@Index('idx_article_published', ['publishedAt', 'id'])
@Index('idx_article_section', ['section', 'publishedAt', 'id'])
// Other lists order their rows by the article's date: looked up from this index, not the article's row.
@Index('idx_article_id_published', ['id', 'publishedAt'])
@Unique('uq_article_slug', ['slug'])
@Index('uq_article_source_url', ['sourceUrl'], { unique: true, where: '"source_url" IS NOT NULL' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A news article.' })
@Directive(CacheHint.RECORD)
export class Article {
  /** Database key; the GraphQL `id` is the global ID built from it (see NodeResolver). */
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'URL-safe unique name derived from the headline.' })
  @Column({ type: 'varchar', length: 160 })
  slug: string;

  @Field({ description: 'The headline as the copy gives it.' })
  @Column({ type: 'text' })
  headline: string;

  @Field({ description: 'The section the article runs in, e.g. "World" (see `sections` for the list).' })
  @Column({ type: 'varchar', length: 100 })
  section: string;

  @Field({ description: 'When the copy says it was published (UTC).' })
  @Column({ name: 'published_at' })
  publishedAt: Date;

  @Field({ description: 'When the article was last stored: its first import, or a later one of the same copy (UTC).' })
  @Column({ name: 'updated_at' })
  updatedAt: Date;

  /** Not exposed, so never read unless asked for (`select: false`): one value less per article read. */
  @Column({ name: 'created_at', select: false })
  createdAt: Date;

  /** The copy's own standfirst, null when it had none: searched (weighted above the body), never shown as such. */
  @Column({ name: 'standfirst', type: 'text', nullable: true, select: false })
  storedStandfirst: string | null;

  /**
   * The copy's standfirst, else its first paragraph: worked out once, when the article is stored,
   * so that lists show it without reading bodies. A column of its own, outside the search index,
   * where the first paragraph would count twice.
   */
  @Field(() => String, {
    name: 'standfirst',
    // Renamed: read through type-graphql's resolver (the type's simple resolvers read `standfirst`).
    simple: false,
    nullable: true,
    description: 'Summary: the standfirst of the copy, else its first paragraph.',
  })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /**
   * Read only where it is asked for (`select: false`): the body is most of an article's bytes, and
   * lists show summaries. The GraphQL fields that need it (ArticleResolver) load it when a read
   * left it out; the single-article lookups select it.
   */
  @Column({ type: 'text', select: false })
  body?: string;

  @Column({ name: 'image_url', type: 'text', nullable: true })
  imageUrl: string | null;

  @Column({ name: 'image_credit', type: 'text', nullable: true })
  imageCredit: string | null;

  @Column({ name: 'image_caption', type: 'text', nullable: true })
  imageCaption: string | null;

  @Field(() => String, { nullable: true, description: 'Where the copy was published originally.' })
  @Column({ name: 'source_url', type: 'text', nullable: true })
  sourceUrl: string | null;

  @Field(() => Image, { nullable: true, description: 'The lead image; null when the copy names none.' })
  get image(): Image | null {
    if (this.imageUrl === null && this.imageCredit === null && this.imageCaption === null) return null;
    return { url: this.imageUrl, credit: this.imageCredit, caption: this.imageCaption };
  }
}

/** What Article's GraphQL fields read beyond a column of their own name (src/db/column-selection.ts). */
export const ARTICLE_FIELD_COLUMNS: FieldColumns = {
  standfirst: ['summary'],
  image: ['imageUrl', 'imageCredit', 'imageCaption'],
};
