import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Article } from '../article/article.entity';
import { Person } from '../person/person.entity';
import { MentionRole } from './mention-role.enum';

/** A person named in an article: the join between the two, with the role and first appearance. */
@Entity({ name: 'mention' })
@Index('idx_mention_person', ['personId', 'articleId'])
// A person's articles newest first, straight off the index: a page costs its own rows, not the person's whole history.
@Index('idx_mention_person_published', ['personId', 'publishedAt', 'articleId'])
@Check('chk_mention_role', `"role" IN ('QUOTED', 'MENTIONED')`)
export class Mention {
  @PrimaryColumn({ name: 'article_id' })
  articleId: number;

  @PrimaryColumn({ name: 'person_id' })
  personId: number;

  @Column({ type: 'varchar', length: 16 })
  role: MentionRole;

  /** Order of first appearance in the article, from 0. */
  @Column({ type: 'integer' })
  position: number;

  /** The article's publication time, copied here (written with the mention, which an import replaces with the article). */
  @Column({ name: 'published_at' })
  publishedAt: Date;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Article;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;
}
