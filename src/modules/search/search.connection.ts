import { connectionTypes } from '../../shared/pagination';
import { SearchResult } from './search-result.type';

export const { EdgeType: SearchEdge, ConnectionType: SearchConnection } = connectionTypes('Search', SearchResult);
