import { connectionTypes } from '../../shared/pagination';
import { Person } from './person.entity';

export const { EdgeType: PersonEdge, ConnectionType: PersonConnection } = connectionTypes('Person', Person);
