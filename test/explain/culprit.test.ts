/** +explain's culprit as a pure function of real walks: the line expected per case, and golden text of the explanation. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { explainCulprit } from '../../src/explain/culprit.js';
import { renderExplain } from '../../src/render/explain.js';
import { plainPalette } from '../../src/render/palette.js';
import { assertGolden } from '../render/goldenFile.js';
import { type Hierarchy, startHierarchy } from '../support/hierarchy.js';
import { EXPLAIN_CASES, runExplainCase } from './explainCases.js';

let hierarchy: Hierarchy | undefined;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

for (const item of EXPLAIN_CASES) {
  test(`explain ${item.stem}: ${item.culprit}`, async () => {
    const { trace, dnssec } = await runExplainCase(item, hierarchy);
    const data = { lookup: item.lookup, trace, ...(dnssec && { dnssec }), tcpProbes: item.tcpProbes ?? [] };
    const culprit = explainCulprit(data);
    // Key tags come from the fixture keys: the line names whichever the signature used.
    assert.equal(culprit.line.replace(/by key \d+/, 'by key KEY'), item.culprit);
    assertGolden(`explain/${item.stem}.txt`, renderExplain(data, culprit, plainPalette));
  });
}

test('explain: a lookup that did not fail has nothing to explain', () => {
  const culprit = explainCulprit({ lookup: { ede: [] }, tcpProbes: [] });
  assert.equal(culprit.kind, 'noTrace');
});
