import { z } from 'zod';
import { LEVELS, Level } from '../knowledge/schema';
import { urgency } from './levels';

/** One example message with the level the rubric gives it (the format of shared/vignettes). */
export const Vignette = z.object({
  id: z.string().min(1),
  gold: Level,
  turns: z.array(z.string()).min(1),
  tags: z.array(z.string()).default([]),
  /** Who wrote it, for blind batches: carer-uk, teen, esl, panic, nurse, rambler. */
  persona: z.string().optional(),
  /** The rubric row behind the gold level; a changed gold label says why here. */
  why: z.string().optional(),
});
export type Vignette = z.infer<typeof Vignette>;

/** Parses a JSON-lines vignette file; a bad line is reported with its number. */
export function parseVignettes(text: string, file = 'vignettes'): Vignette[] {
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line.length > 0 && !line.startsWith('//'))
    .map(({ line, number }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${number}: not valid JSON`);
      }
      const parsed = Vignette.safeParse(json);
      if (!parsed.success) throw new Error(`${file}:${number}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

export interface Outcome {
  readonly id: string;
  readonly gold: Level;
  readonly level: Level;
}

export interface Scores {
  readonly total: number;
  readonly exact: number;
  readonly perLevel: Readonly<Record<Level, { readonly total: number; readonly exact: number }>>;
  /** Emergencies given `emergency`, over all emergencies. */
  readonly emergencySensitivity: number;
  /** Cases given a less urgent level than the rubric's. */
  readonly underTriage: readonly Outcome[];
  readonly overTriage: readonly Outcome[];
}

/** Accuracy per level, emergency sensitivity, and the cases triaged under and over. */
export function score(outcomes: readonly Outcome[]): Scores {
  const perLevel = Object.fromEntries(LEVELS.map((l) => [l, { total: 0, exact: 0 }])) as Record<Level, { total: number; exact: number }>;
  for (const o of outcomes) {
    perLevel[o.gold].total += 1;
    if (o.level === o.gold) perLevel[o.gold].exact += 1;
  }
  const emergencies = perLevel.emergency;
  return {
    total: outcomes.length,
    exact: outcomes.filter((o) => o.level === o.gold).length,
    perLevel,
    emergencySensitivity: emergencies.total === 0 ? 1 : emergencies.exact / emergencies.total,
    underTriage: outcomes.filter((o) => urgency(o.level) > urgency(o.gold)),
    overTriage: outcomes.filter((o) => urgency(o.level) < urgency(o.gold)),
  };
}

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

/** A plain-text table of the scores, for the command line and test logs. */
export function formatScores(s: Scores): string {
  const lines = ['level       cases  exact'];
  for (const level of LEVELS) {
    const { total, exact } = s.perLevel[level];
    lines.push(`${level.padEnd(10)} ${String(total).padStart(6)}  ${pct(exact, total)}`);
  }
  lines.push(`${'all'.padEnd(10)} ${String(s.total).padStart(6)}  ${pct(s.exact, s.total)}`);
  lines.push(`emergency sensitivity ${pct(s.emergencySensitivity, 1)}`);
  lines.push(`under-triage ${s.underTriage.length} (${pct(s.underTriage.length, s.total).trim()}), over-triage ${s.overTriage.length} (${pct(s.overTriage.length, s.total).trim()})`);
  for (const o of s.underTriage) lines.push(`  under: ${o.id} gold ${o.gold}, got ${o.level}`);
  for (const o of s.overTriage) lines.push(`  over:  ${o.id} gold ${o.gold}, got ${o.level}`);
  return lines.join('\n');
}
