import { Article } from '../modules/article/article.entity';
import { Mention } from '../modules/person/mention.entity';
import { Person } from '../modules/person/person.entity';
import { Quote } from '../modules/quote/quote.entity';
import { Vote } from '../modules/rating/vote.entity';
import { InstanceSetting } from './instance-setting.entity';

export const entities = [Article, Person, Mention, Quote, Vote, InstanceSetting];
