/*
 * Wording and evidence helpers shared by the checks of every category. Everything
 * here is linear in what it is given.
 */

/** Evidence lines kept per result: clusters have thousands of nodes and namespaces. */
export const MAX_EVIDENCE = 20;

/** The first `max` lines, then one `… and N more` line. */
export function bounded(
  lines: readonly string[],
  max = MAX_EVIDENCE,
): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

/** `a, b, c` or `a, b, c and 4 more`, for naming a few objects in a message. */
export function nameFew(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** `a, b, c` or `a, b, c, …` (no count), for naming a few objects in a message. */
export function nameFewElided(names: readonly string[], max = 3): string {
  return names.slice(0, max).join(', ') + (names.length > max ? ', …' : '');
}

/** `1 node` / `3 nodes`; `plural(2, 'policy', 'policies')` for irregular plurals. */
export function plural(
  count: number,
  noun: string,
  pluralNoun = `${noun}s`,
): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** `run` or `runs` to agree with a count: verb(1, 'run', 'runs'). */
export function verb(count: number, many: string, one: string): string {
  return count === 1 ? one : many;
}
