import { compilePhrase } from '../nlp/phraseMatcher';
import type { ContentProblem } from './contentError';
import type { Knowledge } from './load';
import { LEVELS, PLACEHOLDERS, type TwoVoices } from './schema';

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/**
 * Checks what the schemas cannot: that every id one entry names exists, that every phrase leaves
 * words to match, and the safety invariants of the advice (an emergency always names the number).
 */
export function checkReferences(k: Knowledge, name: (file: string) => string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const findingsFile = name('findings.yaml');
  const problem = (file: string, path: string, message: string) => problems.push({ file, path, message });
  const known = (kind: string, map: ReadonlyMap<string, unknown>, id: string) =>
    map.has(id) ? undefined : `unknown ${kind} "${id}"; known ${kind}s are: ${[...map.keys()].join(', ')}`;
  const phrasesOk = (file: string, path: string, phrases: readonly string[]) =>
    phrases.forEach((p, i) => {
      if (compilePhrase(p).length === 0) problem(file, `${path}[${i}]`, `phrase "${p}" has no words to match`);
    });

  Array.from(k.findings.values()).forEach((f, i) => {
    f.groups.forEach((g, j) => {
      const error = known('group', k.groups, g);
      if (error) problem(findingsFile, `findings[${i}].groups[${j}]`, error);
    });
    f.moved_by.forEach((m, j) => {
      const error = known('modifier', k.modifiers, m.modifier);
      if (error) problem(findingsFile, `findings[${i}].moved_by[${j}].modifier`, error);
    });
    f.overrides.forEach((id, j) => {
      const error = known('finding', k.findings, id);
      if (error) problem(findingsFile, `findings[${i}].overrides[${j}]`, error);
    });
    f.combinations.forEach((c, j) =>
      c.all.forEach((id, n) => {
        const error = known('concept', k.concepts, id);
        if (error) problem(findingsFile, `findings[${i}].combinations[${j}].all[${n}]`, error);
      }),
    );
    phrasesOk(findingsFile, `findings[${i}].phrases`, f.phrases);
    phrasesOk(findingsFile, `findings[${i}].misspellings`, f.misspellings);
  });
  Array.from(k.modifiers.values()).forEach((m, i) => phrasesOk(findingsFile, `modifiers[${i}].phrases`, m.phrases));
  Array.from(k.concepts.values()).forEach((c, i) => phrasesOk(findingsFile, `concepts[${i}].words`, c.words));
  // A register rewrites typed words before matching, so a phrase using a rewritten word can never match.
  const rewritten = new Map(k.context.registers.flatMap((r) => Object.entries(r.rewrite)));
  const usesRewritten = (file: string, path: string, phrases: readonly string[]) =>
    phrases.forEach((p, i) => {
      const word = p.toLowerCase().split(/\s+/).filter((w) => !w.startsWith('#')).flatMap((w) => w.split(/[^a-z0-9']+/)).find((w) => rewritten.has(w));
      if (word !== undefined) problem(file, `${path}[${i}]`, `phrase "${p}" uses "${word}", which context.yaml registers rewrite to "${rewritten.get(word)}"; write the phrase with that`);
    });
  k.context.registers.forEach((r, i) =>
    Object.entries(r.rewrite).forEach(([from, to]) => {
      if (compilePhrase(to).length === 0) problem(name('context.yaml'), `registers[${i}].rewrite.${from}`, `"${to}" has no words to match`);
    }),
  );
  Array.from(k.findings.values()).forEach((f, i) => {
    usesRewritten(findingsFile, `findings[${i}].phrases`, f.phrases);
    usesRewritten(findingsFile, `findings[${i}].misspellings`, f.misspellings);
  });
  Array.from(k.concepts.values()).forEach((c, i) => usesRewritten(findingsFile, `concepts[${i}].words`, c.words));
  Array.from(k.modifiers.values()).forEach((m, i) => usesRewritten(findingsFile, `modifiers[${i}].phrases`, m.phrases));
  Array.from(k.topics.values()).forEach((t, i) => usesRewritten(name('topics.yaml'), `topics[${i}].phrases`, t.phrases));
  k.context.rules.forEach((r, i) => usesRewritten(name('context.yaml'), `rules[${i}].literal`, [r.literal]));
  usesRewritten(name('context.yaml'), 'idioms', k.context.idioms);
  // A trigger written twice with two scopes leaves which one counts to the order of the file.
  const triggerAt = new Map<string, number>();
  k.context.rules.forEach((r, i) => {
    const key = `${r.category}\0${r.literal.trim().toLowerCase()}`;
    const first = triggerAt.get(key);
    if (first !== undefined) problem(name('context.yaml'), `rules[${i}].literal`, `"${r.literal}" (${r.category}) is already rules[${first}]; keep one, with the scope it needs`);
    else triggerAt.set(key, i);
  });
  const ruleIds = new Set<string>();
  k.rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) problem(findingsFile, `rules[${i}].id`, `duplicate id "${r.id}"`);
    ruleIds.add(r.id);
    r.all.forEach((c, j) => {
      const error =
        (c.finding !== undefined && known('finding', k.findings, c.finding)) ||
        (c.group !== undefined && known('group', k.groups, c.group)) ||
        (c.without_modifier !== undefined && known('modifier', k.modifiers, c.without_modifier));
      if (error) problem(findingsFile, `rules[${i}].all[${j}]`, error);
    });
  });

  k.context.rules.forEach((r, i) => {
    if (compilePhrase(r.literal).length === 0) problem(name('context.yaml'), `rules[${i}].literal`, `"${r.literal}" has no words to match`);
  });

  const questionsFile = name('questions.yaml');
  Array.from(k.questions.values()).forEach((q, i) => {
    const error = known('finding', k.findings, q.finding);
    if (error) problem(questionsFile, `questions[${i}].finding`, error);
    q.ask_when.forEach((id, j) => {
      if (!k.findings.has(id) && !k.groups.has(id)) {
        problem(questionsFile, `questions[${i}].ask_when[${j}]`, `"${id}" is neither a finding nor a group`);
      }
    });
  });

  Array.from(k.topics.values()).forEach((t, i) => phrasesOk(name('topics.yaml'), `topics[${i}].phrases`, t.phrases));

  problems.push(...checkAdvice(k, name('advice.yaml')));
  return problems;
}

function texts(voices: TwoVoices): string[] {
  return [voices.patient, voices.staff];
}

function checkAdvice(k: Knowledge, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  Array.from(k.dispositions.values()).forEach((d, i) => {
    const at = `dispositions[${i}]`;
    const key = `${d.level}/${d.category}`;
    if (seen.has(key)) problems.push({ file, path: at, message: `a second disposition for ${key}` });
    seen.add(key);
    const all = [...texts(d.heading), ...texts(d.do_now), ...texts(d.safety_net)].join('\n');
    for (const m of all.matchAll(PLACEHOLDER)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1])) {
        problems.push({ file, path: at, message: `unknown placeholder {${m[1]}}; use one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
      }
    }
    const need = (placeholder: string, why: string) => {
      for (const voice of ['patient', 'staff'] as const) {
        if (!`${d.heading[voice]}\n${d.do_now[voice]}`.includes(`{${placeholder}}`)) {
          problems.push({ file, path: `${at}.do_now.${voice}`, message: `${why} must include {${placeholder}}` });
        }
      }
    };
    if (d.level === 'emergency') need('emergency_number', 'emergency advice');
    if (d.category === 'self_harm') need('crisis_line', 'self-harm advice');
    if (d.level === 'urgent' && d.category === 'overdose') need('poison_control_number', 'urgent overdose advice');
  });
  for (const level of LEVELS) {
    if (!seen.has(`${level}/general`)) problems.push({ file, path: 'dispositions', message: `no "general" disposition for level ${level}` });
  }
  return problems;
}
