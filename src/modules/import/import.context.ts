import type { ImportService } from './import.service';

/**
 * What the import module's resolver reads from the per-request context (composed in
 * src/server/context.ts). The editor-key check runs before it, through @Authorized(EDITOR_ROLE)
 * and the schema's auth checker.
 */
export interface ImportContext {
  services: { imports: ImportService };
}
