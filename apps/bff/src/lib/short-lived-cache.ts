/**
 * A read-through cache of a few hot rows, kept in this process for a short time and kept apart
 * per database handle (tests open many). A writer in this process clears it once its change has
 * committed; other instances only see the change when their entry expires, so the TTL is the
 * longest a change can go unnoticed there. Misses (undefined) are not kept.
 */
type Entry<V> = { value: V; until: number };
type State<K, V> = { entries: Map<K, Entry<V>>; generation: number };

export function shortLivedCache<K, V>(ttlMs: number, maxEntries = 1_000) {
  const byDb = new WeakMap<object, State<K, V>>();
  const stateOf = (db: object): State<K, V> => {
    let state = byDb.get(db);
    if (!state) {
      state = { entries: new Map(), generation: 0 };
      byDb.set(db, state);
    }
    return state;
  };
  return {
    async get(db: object, key: K, load: () => Promise<V | undefined>): Promise<V | undefined> {
      const state = stateOf(db);
      const started = performance.now();
      const hit = state.entries.get(key);
      if (hit && hit.until > started) return hit.value;
      const generation = state.generation;
      const value = await load();
      // A clear() while we read may have followed a commit our read did not see: keep nothing.
      if (value !== undefined && state.generation === generation) {
        if (state.entries.size >= maxEntries) state.entries.clear();
        state.entries.set(key, { value, until: started + ttlMs });
      }
      return value;
    },
    clear(db: object): void {
      const state = stateOf(db);
      state.generation += 1;
      state.entries.clear();
    },
  };
}
