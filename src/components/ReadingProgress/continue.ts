/**
 * Home page logic of "continue where you left off" (pure, so the unit tests
 * run it without a browser).
 */
import type {Progress} from './store';

/**
 * Where "continue where you left off" leads: the last visited chapter if it
 * is not done, else the first chapter after it that is not done, else the
 * first not done from the start. Null when there is no visit or all are done.
 */
export function continueTarget(progress: Progress, order: readonly string[]): string | null {
  const last = progress.last?.id;
  if (!last || !order.includes(last)) return null;
  const done = new Set(progress.done);
  if (!done.has(last)) return last;
  const after = order.slice(order.indexOf(last) + 1);
  return after.find((id) => !done.has(id)) ?? order.find((id) => !done.has(id)) ?? null;
}

/** "Part 3: Registering the workload" reads "Part 3 — Registering the workload" after "continue:". */
export function shortTitle(title: string): string {
  return title.replace(/^(Part \d+): /, '$1 — ');
}
