/**
 * DOT to SVG in-process with @viz-js/viz (Graphviz compiled to WebAssembly): no `dot` binary needed.
 * The package is loaded here only, on first use, so a run that draws no SVG never reads it.
 */

/** Graphviz's SVG for `dot`; throws with Graphviz's own message when it cannot lay the graph out. */
export async function renderSvg(dot: string): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  const result = viz.render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success' || result.output === undefined) {
    const message = result.errors.map((error) => error.message.trim()).join('; ');
    throw new Error(`Graphviz could not draw the graph: ${message || 'no output'}`);
  }
  return result.output;
}

/** The `<svg>` element alone, without the XML declaration, DOCTYPE and comments before it: for inlining in HTML. */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return start < 0 ? svg : svg.slice(start).trimEnd();
}
