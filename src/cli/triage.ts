import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ContentError, createTriageEngine, loadKnowledge, DEFAULT_KNOWLEDGE_DIR, type TriageEngine, type TriageResult, type Answer, ANSWERS, isAnswer } from '../triage';
import { formatScores, parseVignettes, score, type Outcome } from '../triage/vignettes';

const USAGE = `Usage:
  npm run triage -- "message"                 level, findings with the words that matched, reasons
  npm run triage -- "message" --answer ask_breathing=no
  npm run triage -- --file cases.jsonl [--json] scores a vignette file (all turns of a case together),
                                                per level and per persona; --json adds each case's findings
Options: --knowledge DIR (default ${DEFAULT_KNOWLEDGE_DIR})`;

function describe(engine: TriageEngine, result: TriageResult): string {
  const k = engine.knowledge;
  const lines = [`Level: ${result.level} (category ${result.category}; advice ${result.dispositionId})`];
  const quote = (s: string) => JSON.stringify(s);
  if (result.findings.length > 0) {
    lines.push('Findings:');
    for (const f of result.findings) {
      const mods = f.modifiers.length > 0 ? ` [${f.modifiers.join(', ')}]` : '';
      lines.push(`  ${f.id.padEnd(24)} ${quote(f.evidence.text)} by ${f.evidence.rule}${mods}`);
    }
  }
  if (result.ruledOut.length > 0) {
    lines.push('Ruled out:');
    for (const f of result.ruledOut) lines.push(`  ${f.id.padEnd(24)} ${quote(f.evidence.text)} by ${f.trigger?.rule ?? f.evidence.rule}`);
  }
  lines.push('Reasons (the first decided):');
  for (const r of result.reasons) lines.push(`  ${r.level.padEnd(10)} ${r.rule.padEnd(36)} ${r.why}`);
  if (result.questions.length > 0) {
    lines.push('Questions still worth asking:');
    for (const id of result.questions) lines.push(`  ${id.padEnd(24)} ${k.questions.get(id)?.text.patient ?? ''}`);
  }
  if (result.topics.length > 0) lines.push(`Topics: ${result.topics.join(', ')}`);
  lines.push(`Content version: ${result.contentVersion}`);
  return lines.join('\n');
}

function parseAnswers(values: readonly string[]): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const value of values) {
    const [id, answer] = value.split('=');
    if (answer === undefined || !isAnswer(answer)) throw new Error(`--answer ${value}: expected question_id=${ANSWERS.join('|')}`);
    answers[id] = answer;
  }
  return answers;
}

function main(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      json: { type: 'boolean', default: false },
      knowledge: { type: 'string' },
      answer: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || (values.file === undefined && positionals.length === 0)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const engine = createTriageEngine(loadKnowledge(values.knowledge ?? DEFAULT_KNOWLEDGE_DIR));
  if (values.file === undefined) {
    console.log(describe(engine, engine.triage(positionals.join(' '), parseAnswers(values.answer ?? []))));
    return 0;
  }
  const cases = parseVignettes(readFileSync(values.file, 'utf8'), values.file);
  const results = cases.map((c) => engine.decide(c.turns.map((t) => engine.analyse(t))));
  const outcomes: Outcome[] = cases.map((c, i) => ({ id: c.id, gold: c.gold, level: results[i].level }));
  const scores = score(outcomes);
  if (values.json) {
    outcomes.forEach((o, i) => {
      const r = results[i];
      console.log(JSON.stringify({ ...o, findings: r.findings.map((f) => f.id), ruledOut: r.ruledOut.map((f) => f.id), rule: r.reasons[0]?.rule }));
    });
    console.log(JSON.stringify({ summary: true, total: scores.total, exact: scores.exact, emergencySensitivity: scores.emergencySensitivity, underTriage: scores.underTriage.length, overTriage: scores.overTriage.length, perLevel: scores.perLevel }));
  } else {
    console.log(formatScores(scores));
    const personas = [...new Set(cases.flatMap((c) => (c.persona === undefined ? [] : [c.persona])))];
    for (const persona of personas) {
      const own = outcomes.filter((_, i) => cases[i].persona === persona);
      const s = score(own);
      const under = s.underTriage.filter((o) => o.gold === 'emergency' || o.gold === 'urgent').length;
      console.log(`${persona.padEnd(10)} ${String(s.exact).padStart(3)}/${String(s.total).padEnd(3)} exact, emergencies ${s.perLevel.emergency.exact}/${s.perLevel.emergency.total}, serious under-triage ${under}`);
    }
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ContentError ? error.message : `triage: ${(error as Error).message}`);
  process.exitCode = 1;
}
