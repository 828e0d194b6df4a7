import { connectionTypes } from '../../shared/pagination';
import { Quote } from './quote.entity';

export const { EdgeType: QuoteEdge, ConnectionType: QuoteConnection } = connectionTypes('Quote', Quote);
