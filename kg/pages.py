"""The HTML pages of `kg serve`: the query page at `/`, an entity's page under `/id/`, the ontology.

Self-contained: no asset comes from the internet, every text from the data is escaped, and data
given to the page's script is JSON with ``<``, ``>`` and ``&`` escaped (no label can end a script).
"""
from __future__ import annotations

import html
import json

_STYLE = """body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;
padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}textarea{width:100%;height:10rem;
font:13px monospace}code,.iri{font:13px monospace;word-break:break-all}.span{background:#ffe58a}.muted{color:#666}"""


def _json_for_script(data) -> str:
    return json.dumps(data, ensure_ascii=False).replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<meta name=\"viewport\" content=\"width=device-width\"><style>{_STYLE}</style></head>"
            f"<body>{body}</body></html>")


def query_page(examples: list[dict], base: str) -> str:
    """The query editor: the named queries as examples, a results table with links to entity pages."""
    options = "".join(f'<option value="{html.escape(q["name"])}">{html.escape(q["name"])}: '
                      f'{html.escape(q["description"][:80])}</option>' for q in examples)
    script = """
const EXAMPLES = %s, BASE = %s;
const $ = (id) => document.getElementById(id);
$('example').addEventListener('change', async (ev) => {
  const q = EXAMPLES.find((x) => x.name === ev.target.value);
  if (q) { $('query').value = q.text; }
});
$('run').addEventListener('click', async () => {
  $('status').textContent = 'running…';
  const out = $('results'); out.replaceChildren();
  const r = await fetch('/sparql', {method: 'POST', body: $('query').value,
    headers: {'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json'}});
  if (!r.ok) { $('status').textContent = r.status + ': ' + await r.text(); return; }
  const data = await r.json();
  if ('boolean' in data) { $('status').textContent = String(data.boolean); return; }
  const vars = data.head.vars, table = document.createElement('table'), head = table.insertRow();
  for (const v of vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) {
    const row = table.insertRow();
    for (const v of vars) {
      const cell = row.insertCell(), term = b[v];
      if (!term) continue;
      if (term.type === 'uri' && term.value.startsWith(BASE)) {
        const a = document.createElement('a'); a.href = '/id/' + term.value.slice(BASE.length);
        a.textContent = term.value; a.className = 'iri'; cell.appendChild(a);
      } else { cell.textContent = term.value; }
    }
  }
  out.appendChild(table);
  $('status').textContent = data.results.bindings.length + ' rows';
});
""" % (_json_for_script(examples), _json_for_script(base))
    body = (f"<h1>release-kg SPARQL endpoint</h1><p class=\"muted\">The default graph is the merged data of the "
            f"releases; each release's graphs are named graphs. Endpoint: <code>/sparql</code>.</p>"
            f"<p><label>Example: <select id=\"example\"><option value=\"\">a named query…</option>{options}"
            f"</select></label></p><textarea id=\"query\">SELECT ?org ?name WHERE {{ ?org a schema:Organization ; "
            f"schema:name ?name }} ORDER BY ?name LIMIT 20</textarea><p><button id=\"run\">Run</button> "
            f"<span id=\"status\"></span></p><div id=\"results\"></div><script>{script}</script>")
    return _page("release-kg SPARQL endpoint", body)


def entity_page(iri: str, label: str, facts: list[tuple[str, str, str, bool]], reasons: list, base: str) -> str:
    """An entity's page: its facts (links to the pages of other entities) and the sentences they were
    read from, with the releases that state them."""
    def link(value: str, is_iri: bool) -> str:
        if is_iri and value.startswith(base):
            return f'<a class="iri" href="/id/{html.escape(value[len(base):])}">{html.escape(value)}</a>'
        return f'<span class="iri">{html.escape(value)}</span>' if is_iri else html.escape(value)
    rows = "".join(f"<tr><td>{link(s, True)}</td><td class=\"iri\">{html.escape(p)}</td><td>{link(o, is_iri)}</td></tr>"
                   for s, p, o, is_iri in facts)
    evidence = []
    for r in reasons:
        sentence = r.sentence
        i = sentence.find(r.span) if r.span else -1
        shown = (html.escape(sentence[:i]) + f'<span class="span">{html.escape(r.span)}</span>'
                 + html.escape(sentence[i + len(r.span):])) if i >= 0 else html.escape(sentence)
        evidence.append(f"<tr><td class=\"iri\">{html.escape(r.predicate)}</td><td>{link(r.release, True)}</td>"
                        f"<td>{shown}</td><td>{html.escape(r.rule)} ({r.confidence:.2f})</td></tr>")
    body = (f"<h1>{html.escape(label)}</h1><p class=\"iri\">{html.escape(iri)}</p>"
            f"<h2>Facts</h2><table><tr><th>subject</th><th>predicate</th><th>object</th></tr>{rows}</table>"
            f"<h2>Evidence</h2><table><tr><th>fact</th><th>release</th><th>sentence</th><th>rule</th></tr>"
            f"{''.join(evidence)}</table><p><a href=\"/\">query the graph</a></p>")
    return _page(label, body)


def ontology_page(terms: list[tuple[str, str, str]]) -> str:
    """The ontology's terms: IRI, kind and label or comment."""
    rows = "".join(f"<tr id=\"{html.escape(t.rsplit('#', 1)[-1])}\"><td class=\"iri\">{html.escape(t)}</td>"
                   f"<td>{html.escape(k)}</td><td>{html.escape(c)}</td></tr>" for t, k, c in terms)
    return _page("release-kg ontology", f"<h1>release-kg ontology</h1><p>Turtle: ask with <code>Accept: text/turtle"
                                        f"</code>.</p><table><tr><th>term</th><th>kind</th><th>description</th></tr>"
                                        f"{rows}</table>")
