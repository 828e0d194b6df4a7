import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, oldest first. Listed explicitly so that tests and the build load the same set. */
export const migrations = [InitialSchema1764000000000];
