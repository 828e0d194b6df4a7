import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Article } from '../article/article.entity';

/**
 * Each article's vote tally, kept in the same transaction as the votes it counts (RatingService),
 * so a read takes one row per article instead of grouping the vote table. `votes` and `starSum`
 * are what the rating order and filter need; `stars1`…`stars5` are the histogram.
 */
@Entity({ name: 'article_rating' })
export class ArticleRating {
  @PrimaryColumn({ name: 'article_id' })
  articleId: number;

  @Column({ type: 'integer', default: 0 })
  votes: number;

  @Column({ name: 'star_sum', type: 'integer', default: 0 })
  starSum: number;

  @Column({ name: 'stars_1', type: 'integer', default: 0 })
  stars1: number;

  @Column({ name: 'stars_2', type: 'integer', default: 0 })
  stars2: number;

  @Column({ name: 'stars_3', type: 'integer', default: 0 })
  stars3: number;

  @Column({ name: 'stars_4', type: 'integer', default: 0 })
  stars4: number;

  @Column({ name: 'stars_5', type: 'integer', default: 0 })
  stars5: number;

  /** One more with every group of votes that changes the tally: orders tallies announced by several gateways. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @OneToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Article;
}
