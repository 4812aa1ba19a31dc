/** Collects a graph's zones, nodes and edges with ids made from counters, never from network bytes. */
import type { GraphEdge, GraphNode, GraphStatus, GraphZone } from './model.js';

/** A node as given to the builder: everything but the id, which it makes. */
export type NodeSpec = Omit<GraphNode, 'id'>;

/** A graph in the making; the trace and DNSSEC parts both add to one. */
export class GraphBuilder {
  readonly zones: GraphZone[] = [];
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly zoneIds = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  /** The zone's id, adding the zone the first time its name (case-insensitive) is seen. */
  zone(name: string, status: GraphStatus = 'none'): string {
    const key = name.toLowerCase();
    const known = this.zoneIds.get(key);
    if (known) return known;
    const id = `z${this.zones.length}`;
    this.zones.push({ id, name, status });
    this.zoneIds.set(key, id);
    return id;
  }

  /** The zone's id if the graph has it. */
  findZone(name: string): GraphZone | undefined {
    const id = this.zoneIds.get(name.toLowerCase());
    return this.zones.find((zone) => zone.id === id);
  }

  /** Adds a node; its id is `prefix` and a counter (`z1-key0`). */
  node(prefix: string, spec: NodeSpec): GraphNode {
    const count = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, count + 1);
    const given = Object.entries(spec).filter((entry) => entry[1] !== undefined);
    const node = { id: `${prefix}${count}`, ...Object.fromEntries(given) } as GraphNode;
    this.nodes.push(node);
    return node;
  }

  /** Adds an edge (ids e0, e1, ...); members left undefined are left out, as JSON would. */
  edge(spec: Omit<GraphEdge, 'id'>): GraphEdge {
    const given = Object.entries(spec).filter((entry) => entry[1] !== undefined);
    const edge = { id: `e${this.edges.length}`, ...Object.fromEntries(given) } as GraphEdge;
    this.edges.push(edge);
    return edge;
  }

  /** The nodes drawn in a zone, in the order added. */
  nodesIn(zoneId: string): GraphNode[] {
    return this.nodes.filter((node) => node.zone === zoneId);
  }
}
