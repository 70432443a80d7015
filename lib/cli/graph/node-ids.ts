// Node ids for the text formats: the same cluster or (cluster, service) always gets the same id, and two
// never share one, whatever characters the names hold (a plan document may carry odd ones).

/** Hands out ids made by `format` from the names, adding `_2`, `_3`... where two would collide. */
export class NodeIds {
  private readonly ids = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly format: (wanted: string) => string) {}

  /** The id of a cluster's subgraph. */
  public cluster(name: string): string {
    return this.id(JSON.stringify(['cluster', name]), `c_${name}`);
  }

  /** The id of a service's node in a cluster. */
  public node(cluster: string, service: string): string {
    return this.id(JSON.stringify(['node', cluster, service]), `${cluster}/${service}`);
  }

  /** The id of a cluster's invisible anchor (for arrows to a cluster without the service's node). */
  public anchor(cluster: string): string {
    return this.id(JSON.stringify(['anchor', cluster]), `${cluster}/`);
  }

  private id(key: string, wanted: string): string {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const base = this.format(wanted);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.ids.set(key, id);
    this.taken.add(id);
    return id;
  }
}
