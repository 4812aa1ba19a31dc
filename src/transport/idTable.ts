/**
 * The queries in flight on one shared socket, by DNS ID. Integer keys of a plain object (a number
 * dictionary) rather than a Map: a Map churned by a set and a delete per query rehashes into new
 * tables, and each replaced table keeps a link to its successor; once one of them outlives a young
 * collection, the old generation holds every later table, and the queries in them, alive through
 * each young collection until a full one. A batch then kept garbage of thousands of queries.
 */
export class IdTable<V> {
  private readonly byId: Record<number, V> = Object.create(null);
  private count = 0;

  /** How many IDs are in flight. */
  get size(): number {
    return this.count;
  }

  /** The value in flight under `id`. */
  get(id: number): V | undefined {
    return this.byId[id];
  }

  /** Whether `id` is in flight. */
  has(id: number): boolean {
    return this.byId[id] !== undefined;
  }

  /** Puts `value` in flight under `id` (replacing any there). */
  set(id: number, value: V): void {
    if (this.byId[id] === undefined) this.count++;
    this.byId[id] = value;
  }

  /** Takes `id` out of flight. */
  delete(id: number): void {
    if (this.byId[id] === undefined) return;
    this.count--;
    delete this.byId[id];
  }

  /** The values in flight, as a new array (the table may change while the caller goes through it). */
  values(): V[] {
    return Object.values(this.byId);
  }
}
