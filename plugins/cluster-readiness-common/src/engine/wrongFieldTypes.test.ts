/*
 * Property test: every check survives every field of its input being replaced by
 * each wrong JSON type. Generated over the demo snapshots (examples/snapshots): for
 * each resource key and each field path found in its objects (array positions folded,
 * so `.spec.containers[].resources` counts once per demo), the field is replaced by
 * null, a number, a string, a boolean, an array and an object. The snapshot then goes
 * the way every reader sends it: item validation, trimming, evaluation. Either the
 * validator rejects it naming the object and field, or every check evaluates without
 * an engine fault. Bounded: at most MAX_CASES cases.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ClusterSnapshot,
  parseClusterSnapshot,
  SnapshotValidationError,
  validateSnapshotItems,
} from '../snapshot/ClusterSnapshot';
import { checkItem, ITEM_SCHEMAS } from '../snapshot/itemSchemas';
import type { KubeObject } from '../snapshot/kube';
import { trimObject } from '../snapshot/trimObject';
import { evaluate } from './evaluate';

const SNAPSHOT_DIR = resolve(__dirname, '../../../../examples/snapshots');
const DEMOS = ['prod-eu-1', 'prod-us-1', 'staging-1', 'dev-1', 'restricted'];
const MAX_CASES = 3000;
/** `snapshot: Node/cp-1 .status.conditions: expected …` or `… Pod at resources.pods.items[0] .metadata: …` */
const REJECTION =
  /^snapshot: [A-Za-z]+(\/\S+| at resources\.\S+) (\.\S+: )?(expected|is required)/;

const WRONG: Array<[string, unknown]> = [
  ['null', null],
  ['number', 7],
  ['string', 'all'],
  ['boolean', true],
  ['array', ['x']],
  ['object', { x: 'y' }],
];

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

type Path = Array<string | number>;

/** Every field path inside a value (not the value itself). */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (!value || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [
    [...prefix, k],
    ...paths(v, [...prefix, k]),
  ]);
}

function generic(path: Path): string {
  return path.map(p => (typeof p === 'number' ? '[]' : `.${p}`)).join('');
}

function replaced(obj: KubeObject, path: Path, value: unknown): KubeObject {
  const copy = structuredClone(obj);
  let at: any = copy;
  for (const p of path.slice(0, -1)) at = at[p];
  at[path[path.length - 1]] = value;
  return copy;
}

interface Case {
  demo: string;
  key: string;
  index: number;
  path: Path;
  wrong: string;
  value: unknown;
}

function cases(demos: Record<string, ClusterSnapshot>): Case[] {
  const out: Case[] = [];
  for (const demo of DEMOS) {
    const seen = new Set<string>();
    for (const [key, list] of Object.entries(demos[demo].resources)) {
      (list.items ?? []).forEach((item, index) => {
        for (const path of paths(item)) {
          const id = `${key} ${generic(path)}`;
          if (seen.has(id)) continue;
          seen.add(id);
          let current: any = item;
          for (const p of path) current = current[p];
          for (const [wrong, value] of WRONG) {
            if (jsonType(current) !== wrong) {
              out.push({ demo, key, index, path, wrong, value });
            }
          }
        }
      });
    }
  }
  if (out.length <= MAX_CASES) return out;
  const stride = out.length / MAX_CASES;
  return Array.from(
    { length: MAX_CASES },
    (_, i) => out[Math.floor(i * stride)],
  );
}

describe('every check survives every field replaced by each wrong JSON type', () => {
  const demos = Object.fromEntries(
    DEMOS.map(name => [
      name,
      parseClusterSnapshot(
        JSON.parse(readFileSync(resolve(SNAPSHOT_DIR, `${name}.json`), 'utf8')),
        `${name}.json`,
      ),
    ]),
  );
  const all = cases(demos);

  it('generates a bounded, non-trivial number of cases over every demo', () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(all.length).toBeLessThanOrEqual(MAX_CASES);
    expect(new Set(all.map(c => c.demo)).size).toBe(DEMOS.length);
    expect(new Set(all.map(c => c.wrong)).size).toBe(WRONG.length);
  });

  it(
    'is rejected naming the object and field, or evaluated with no engine fault',
    () => {
      const failures: string[] = [];
      let rejected = 0;
      let evaluated = 0;
      for (const c of all) {
        const base = demos[c.demo];
        const items = [...base.resources[c.key].items!];
        items[c.index] = replaced(items[c.index], c.path, c.value);
        const snapshot: ClusterSnapshot = {
          ...base,
          resources: { ...base.resources, [c.key]: { items } },
        };
        const label = `${c.demo} ${c.key}[${c.index}] ${generic(c.path)} = ${
          c.wrong
        }`;
        // The allocation-free walk and zod agree on every case.
        const schema = ITEM_SCHEMAS[c.key];
        if (
          schema &&
          (checkItem(c.key, items[c.index], 'x') === undefined) !==
            schema.safeParse(items[c.index]).success
        ) {
          failures.push(`${label}: the fast check and zod disagree`);
        }
        try {
          validateSnapshotItems(snapshot, 'snapshot');
        } catch (e) {
          rejected++;
          if (
            !(e instanceof SnapshotValidationError) ||
            !REJECTION.test(e.message)
          ) {
            failures.push(`${label}: unclear rejection: ${String(e)}`);
          }
          continue;
        }
        evaluated++;
        const trimmed: ClusterSnapshot = {
          ...snapshot,
          resources: {
            ...snapshot.resources,
            [c.key]: { items: items.map(i => trimObject(c.key, i)) },
          },
        };
        try {
          const report = evaluate(trimmed);
          for (const r of report.checks) {
            if (r.message.startsWith('engine fault')) {
              failures.push(`${label}: ${r.id} faulted`);
            }
          }
        } catch (e) {
          failures.push(`${label}: evaluate threw ${String(e)}`);
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
      // Both outcomes occur: the validator is neither a no-op nor a wall.
      expect(rejected).toBeGreaterThan(100);
      expect(evaluated).toBeGreaterThan(100);
    },
    5 * 60_000,
  );
});
