import { escapeHtml } from '../webchat/escapeHtml';
import { problemOfFinding, type Problem } from './problems';
import type { ScriptContext } from './scriptContext';

/** A word a caller might use, and the section that deals with it: `[word, anchor, section title]`. */
export type SearchEntry = readonly [string, string, string];

/** Lower case, letters, digits and apostrophes, single spaces: the same in the page's script. */
export const normaliseWord = (s: string) => s.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Every symptom word the knowledge base knows (finding names, phrases, misspellings) pointing at its
 * problem's section, and every topic's title and phrases pointing at its answer. First one wins.
 */
export function searchEntries(c: ScriptContext, problems: readonly Problem[]): SearchEntry[] {
  const entries = new Map<string, SearchEntry>();
  const add = (word: string, anchor: string, title: string) => {
    const key = normaliseWord(word.replace(/#[\w:.-]+|=/g, ' '));
    if (key.length >= 2 && !entries.has(key)) entries.set(key, [key, anchor, title]);
  };
  for (const f of c.k.findings.values()) {
    const problem = problemOfFinding(c, problems, f.id);
    if (problem === undefined) continue;
    for (const word of [f.name, ...f.name.split(/,| or /), ...f.phrases, ...f.misspellings]) add(word, problem.anchor, problem.flow.title);
  }
  for (const t of c.k.topics.values()) for (const word of [t.title, ...t.phrases]) add(word, t.id, t.title);
  return [...entries.values()];
}

/** The search box's markup: a form, a list of suggestions, and the index as JSON data (never run). */
export function searchBoxHtml(entries: readonly SearchEntry[], suggestions: readonly string[]): string {
  const json = JSON.stringify(entries).replace(/</g, '\\u003c');
  return `<form class="find" id="find" role="search" aria-label="Find a section by symptom">
<label for="find-word">Find a symptom or question:</label>
<input id="find-word" name="q" list="find-words" autocomplete="off" placeholder="e.g. fever, pump alarm, drowsy">
<button type="submit">Go</button>
<output id="find-result" for="find-word" aria-live="polite"></output>
</form>
<datalist id="find-words">${suggestions.map((s) => `<option value="${escapeHtml(s)}">`).join('')}</datalist>
<script type="application/json" id="find-index">${json}</script>`;
}

/**
 * The page's one script: on submit, the first entry equal to the word, then starting with it, then
 * containing it, then contained in it; jumps to its section and says which. Kept inline (allowed by
 * its hash) so the page stays one self-contained file.
 */
export const SEARCH_SCRIPT = `(() => {
  const index = JSON.parse(document.getElementById('find-index').textContent);
  const input = document.getElementById('find-word');
  const result = document.getElementById('find-result');
  const norm = (s) => s.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').replace(/\\s+/g, ' ').trim();
  document.getElementById('find').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = norm(input.value);
    if (q === '') return;
    const hit = index.find((e) => e[0] === q) || index.find((e) => e[0].startsWith(q)) || index.find((e) => e[0].includes(q)) || index.find((e) => e[0].length >= 4 && q.includes(e[0]));
    if (!hit) { result.textContent = 'Nothing found for "' + input.value + '": use the quick card.'; return; }
    result.textContent = 'Found in: ' + hit[2];
    location.hash = hit[1];
  });
})();`;
