import DataLoader from 'dataloader';

/**
 * DataLoaders of parent id -> value for a field that takes arguments: one loader per distinct
 * arguments, made on first use, so the parents that ask with the same arguments share one batch
 * (and a page of N parents costs one statement, not N), while different arguments never mix.
 */
export class LoadersByArguments<A, V> {
  private readonly loaders = new Map<string, DataLoader<number, V>>();

  constructor(private readonly batch: (args: A, parentIds: readonly number[]) => Promise<V[]>) {}

  load(args: A, parentId: number): Promise<V> {
    const key = stableJson(args);
    let loader = this.loaders.get(key);
    if (!loader) {
      // async, so that a batch function that throws rejects the loads with its own error.
      loader = new DataLoader(async (parentIds) => this.batch(args, parentIds));
      this.loaders.set(key, loader);
    }
    return loader.load(parentId);
  }
}

/** JSON with object keys sorted, so equal arguments give equal keys whatever order they were built in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Makes one request's batch loaders. Every batch calls `beforeBatch` before it sends its SQL —
 * the operation's deadline check (src/server/deadline.ts), which throws once the operation is
 * past it, so no further statement is issued for it. The modules' loader factories
 * (`create…Loaders` in each module's `.context.ts`) build their loaders only through this
 * class, never with `new DataLoader`, so no batch escapes the check.
 */
export class BatchLoaderFactory {
  constructor(private readonly beforeBatch: () => void = () => undefined) {}

  /** Id -> value, one batch for all the ids asked for in one tick. */
  byId<V>(batch: (ids: readonly number[]) => Promise<V[]>): DataLoader<number, V> {
    return new LazyLoader(() => new DataLoader(this.guard(batch)));
  }

  /** Parent id -> value for a field with arguments: one batch per distinct arguments. */
  byArguments<A, V>(batch: (args: A, parentIds: readonly number[]) => Promise<V[]>): LoadersByArguments<A, V> {
    return new LoadersByArguments(this.guard(batch));
  }

  // async, so a throw (the deadline, a malformed X-Voter-Id) rejects the loads with its own error:
  // DataLoader turns a batch function's synchronous throw into a TypeError.
  private guard<T extends unknown[], R>(batch: (...args: T) => Promise<R>): (...args: T) => Promise<R> {
    return async (...args: T): Promise<R> => {
      this.beforeBatch();
      return batch(...args);
    };
  }
}

/**
 * A DataLoader made on first use: every request gets every module's loaders, and most use a few
 * (a vote, none of the list loaders), so the rest are never built.
 */
class LazyLoader<K, V> implements Pick<DataLoader<K, V>, 'load' | 'loadMany' | 'clear' | 'clearAll' | 'prime'> {
  private made: DataLoader<K, V> | undefined;
  name: string | null = null;

  constructor(private readonly make: () => DataLoader<K, V>) {}

  private get loader(): DataLoader<K, V> {
    this.made ??= this.make();
    return this.made;
  }

  load(key: K): Promise<V> {
    return this.loader.load(key);
  }

  loadMany(keys: ArrayLike<K>): Promise<(V | Error)[]> {
    return this.loader.loadMany(keys);
  }

  clear(key: K): this {
    this.made?.clear(key);
    return this;
  }

  clearAll(): this {
    this.made?.clearAll();
    return this;
  }

  prime(key: K, value: V | PromiseLike<V> | Error): this {
    this.loader.prime(key, value);
    return this;
  }
}
