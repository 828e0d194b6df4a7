import type { GlobalId } from '../../shared/global-id';
import type { NodeContext } from './node.context';

/** The object a decoded global ID names, through the request's DataLoaders (one query per type for a whole batch); null when there is none. */
export function loadNode({ type, id }: GlobalId, loaders: NodeContext['loaders']): Promise<object | null> {
  switch (type) {
    case 'Article':
      return loaders.articleById.load(id);
    case 'Person':
      return loaders.personById.load(id);
    case 'Quote':
      return loaders.quoteById.load(id);
  }
}
