/**
 * What views expose of a resource's objects: a read-only map by key. `Map` satisfies it too.
 */
export interface ObjectMap<V> extends Iterable<[string, V]> {
  readonly size: number;
  get(key: string): V | undefined;
  has(key: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<V>;
}

/**
 * An immutable map split into shards by key hash, so that a new version shares every shard the
 * change did not touch. Publishing a frame with 33 changes to 10,000 objects copies about 33
 * small shards instead of all 10,000 entries, which is what a plain copied `Map` costs.
 *
 * The shard count is fixed when a map is built from scratch (a snapshot): about 32 entries per
 * shard, a power of two between 16 and 4,096. Deltas change the size little between snapshots,
 * so rebalancing on the way is not worth its cost. Iteration goes shard by shard, not in
 * insertion order; every consumer sorts.
 */
export class ShardedMap<V> implements ObjectMap<V> {
  private constructor(
    private readonly shards: readonly ReadonlyMap<string, V>[],
    readonly size: number,
  ) {}

  static of<V>(entries: Iterable<readonly [string, V]>): ShardedMap<V> {
    const list = [...entries];
    const count = Math.min(4096, Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, list.length / 32)))));
    const shards = Array.from({ length: count }, () => new Map<string, V>());
    for (const [key, value] of list) {
      shards[hash(key) & (count - 1)]?.set(key, value);
    }
    return new ShardedMap(
      shards,
      shards.reduce((n, s) => n + s.size, 0),
    );
  }

  get(key: string): V | undefined {
    return this.shard(key).get(key);
  }

  has(key: string): boolean {
    return this.shard(key).has(key);
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (const shard of this.shards) {
      yield* shard;
    }
  }

  *keys(): IterableIterator<string> {
    for (const shard of this.shards) {
      yield* shard.keys();
    }
  }

  *values(): IterableIterator<V> {
    for (const shard of this.shards) {
      yield* shard.values();
    }
  }

  /** Starts a new version: writes copy the shards they touch, once each. */
  edit(): ShardedMapEditor<V> {
    return new ShardedMapEditor(this.shards, this.size);
  }

  /** For the editor only: a map over shards it built. */
  static fromShards<V>(shards: readonly ReadonlyMap<string, V>[], size: number): ShardedMap<V> {
    return new ShardedMap(shards, size);
  }

  private shard(key: string): ReadonlyMap<string, V> {
    return this.shards[hash(key) & (this.shards.length - 1)] as ReadonlyMap<string, V>;
  }
}

export class ShardedMapEditor<V> {
  private readonly shards: ReadonlyMap<string, V>[];
  private readonly copied = new Set<number>();
  private size: number;

  /** `size` is the base's, known to it: summing 512 shards' sizes on every frame showed in profiles. */
  constructor(base: readonly ReadonlyMap<string, V>[], size: number) {
    this.shards = base.slice();
    this.size = size;
  }

  set(key: string, value: V): void {
    const shard = this.writable(key);
    const before = shard.size;
    shard.set(key, value);
    this.size += shard.size - before;
  }

  delete(key: string): boolean {
    const index = hash(key) & (this.shards.length - 1);
    if (!this.shards[index]?.has(key)) {
      return false;
    }
    const shard = this.writable(key);
    shard.delete(key);
    this.size--;
    return true;
  }

  /** The new version. The editor must not be used afterwards: its shards now belong to it. */
  build(): ShardedMap<V> {
    return ShardedMap.fromShards(this.shards, this.size);
  }

  private writable(key: string): Map<string, V> {
    const index = hash(key) & (this.shards.length - 1);
    if (!this.copied.has(index)) {
      this.shards[index] = new Map(this.shards[index]);
      this.copied.add(index);
    }
    return this.shards[index] as Map<string, V>;
  }
}

/** FNV-1a over UTF-16 code units: fast, and spreads `namespace/name-<hash>` keys evenly. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
