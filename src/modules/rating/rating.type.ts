import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';

export const STAR_LEVELS = 5;

@ObjectType({ simpleResolvers: true, description: "Readers' votes on an article." })
@Directive(CacheHint.RATING)
export class Rating {
  /** Which article this tally is for (viewerStars looks the caller's vote up by it). */
  readonly articleId: number;

  @Field(() => [Int], { description: 'Five entries: how many votes gave 1, 2, 3, 4 and 5 stars.' })
  readonly histogram: number[];

  constructor(articleId: number, histogram: number[]) {
    this.articleId = articleId;
    this.histogram = histogram;
  }

  @Field(() => Int, { description: 'How many readers voted.' })
  get votes(): number {
    return this.histogram.reduce((sum, count) => sum + count, 0);
  }

  @Field(() => Float, { nullable: true, description: 'Mean stars; null when nobody has voted.' })
  get average(): number | null {
    const votes = this.votes;
    if (votes === 0) return null;
    return this.histogram.reduce((sum, count, index) => sum + count * (index + 1), 0) / votes;
  }
}

export function emptyHistogram(): number[] {
  return new Array<number>(STAR_LEVELS).fill(0);
}
