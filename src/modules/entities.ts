import { InstanceSetting } from '../db/instance-setting.entity';
import { Article } from './article/article.entity';
import { Mention } from './mention/mention.entity';
import { Person } from './person/person.entity';
import { Quote } from './quote/quote.entity';
import { ArticleRating } from './rating/article-rating.entity';
import { Vote } from './rating/vote.entity';

/**
 * Every entity the gateway's database maps, for `openDatabase` and `createDataSource`
 * (src/db/data-source.ts). It sits above the modules: the composition layer (src/server/,
 * src/cli/) imports it; no module and nothing in src/db/ does.
 */
export const entities = [Article, Person, Mention, Quote, Vote, ArticleRating, InstanceSetting];
