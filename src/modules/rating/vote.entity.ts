import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Article } from '../article/article.entity';

/** One reader's stars for one article; voting again replaces the stars. */
@Entity({ name: 'vote' })
@Unique('uq_vote_article_voter', ['articleId', 'voterHash'])
@Check('chk_vote_stars', `"stars" BETWEEN 1 AND 5`)
export class Vote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'article_id' })
  articleId: number;

  /** Salted hash of the voter token or address: the raw value is never stored. */
  @Column({ name: 'voter_hash', type: 'varchar', length: 64 })
  voterHash: string;

  @Column({ type: 'integer' })
  stars: number;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Article;
}
