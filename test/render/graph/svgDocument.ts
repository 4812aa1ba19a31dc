/**
 * Reads an SVG document strictly (saxes: a conforming XML parser, any well-formedness error throws) into
 * the few facts the picture tests check: every element with its attributes, and the graph's nodes,
 * edges and clusters by id and class (Graphviz writes each as a <g> with the id and class tsdig gave).
 */
import { SaxesParser } from 'saxes';

/** One element: its name, attributes and all the text inside it (its descendants' included). */
export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** A parsed SVG: all elements in document order, and the graph's groups. */
export interface SvgDocument {
  root: SvgElement;
  elements: SvgElement[];
  /** <g class="node ..."> by id. */
  nodes: Map<string, SvgElement>;
  /** <g class="edge ..."> by id. */
  edges: Map<string, SvgElement>;
  /** <g class="cluster ..."> by id. */
  clusters: Map<string, SvgElement>;
}

/** Parses `svg`; throws on any XML error. */
export function parseSvg(svg: string): SvgDocument {
  const parser = new SaxesParser({ xmlns: false });
  const elements: SvgElement[] = [];
  const open: SvgElement[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: SvgElement = {
      name: tag.name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      text: '',
    };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    for (const element of open) element.text += text;
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.write(svg).close();
  const root = elements.find((e) => e.name === 'svg');
  if (!root) throw new Error('no <svg> element');
  const groups = (kind: string) =>
    new Map(
      elements
        .filter((e) => e.name === 'g' && (e.attributes.class ?? '').split(' ')[0] === kind)
        .map((e) => [e.attributes.id ?? '', e]),
    );
  return { root, elements, nodes: groups('node'), edges: groups('edge'), clusters: groups('cluster') };
}

/** Whether an element's class list holds every word of `classes`. */
export function hasClasses(element: SvgElement, classes: string): boolean {
  const own = new Set((element.attributes.class ?? '').split(/\s+/));
  return classes.split(/\s+/).every((word) => own.has(word));
}
