import { LEVELS, type Level } from '../knowledge/schema';

/** 0 for emergency, 4 for info: lower is more urgent. */
export function urgency(level: Level): number {
  return LEVELS.indexOf(level);
}

/** True when `a` is more urgent than `b`. */
export function moreUrgent(a: Level, b: Level): boolean {
  return urgency(a) < urgency(b);
}
