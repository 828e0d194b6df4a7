import { connectionTypes } from '../../shared/pagination';
import { Article } from './article.entity';

export const { EdgeType: ArticleEdge, ConnectionType: ArticleConnection } = connectionTypes('Article', Article);
