import type DataLoader from 'dataloader';
import type { BatchLoaderFactory } from '../../shared/batch-loader';
import type { Person } from './person.entity';
import type { PersonService } from './person.service';

/** The person module's per-request batch loaders. */
export interface PersonLoaders {
  personById: DataLoader<number, Person | null>;
}

export function createPersonLoaders(services: { people: PersonService }, loaders: BatchLoaderFactory): PersonLoaders {
  return {
    personById: loaders.byId((ids) => services.people.findByIds(ids)),
  };
}

/** What the person module's resolvers read from the per-request context (composed in src/server/context.ts). */
export interface PersonContext {
  services: { people: PersonService };
  loaders: PersonLoaders;
}
