/** A parsed label or field selector: true when an object matches. */
export type Matcher = (object: any) => boolean;

/** Thrown for a selector a kube-apiserver would reject with 400 BadRequest. */
export class SelectorError extends Error {}

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

/** Label selector syntax: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`. */
export function parseLabelSelector(selector: string): Matcher {
  const matchers: Matcher[] = [];
  for (const req of splitTopLevel(selector)) {
    const labels = (o: any): Record<string, string> =>
      o?.metadata?.labels ?? {};
    const setBased = req.match(/^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/);
    const equality = req.match(/^([^\s!=]+)\s*(==|=|!=)\s*([^\s]*)$/);
    const absent = req.match(/^!\s*([^\s!=()]+)$/);
    const present = req.match(/^([^\s!=()]+)$/);
    if (setBased) {
      const [, key, op, list] = setBased;
      const values = new Set(list.split(',').map(v => v.trim()));
      matchers.push(o => {
        const has = key in labels(o);
        const inSet = has && values.has(labels(o)[key]);
        return op === 'in' ? inSet : !inSet;
      });
    } else if (equality) {
      const [, key, op, value] = equality;
      matchers.push(o => {
        const l = labels(o);
        const equal = key in l && l[key] === value;
        return op === '!=' ? !equal : equal;
      });
    } else if (absent) {
      const key = absent[1];
      matchers.push(o => !(key in labels(o)));
    } else if (present) {
      const key = present[1];
      matchers.push(o => key in labels(o));
    } else {
      throw new SelectorError(`unable to parse requirement: ${req}`);
    }
  }
  return o => matchers.every(fn => fn(o));
}

/** Fields every resource can be selected by, then the extra ones per kind (as in kube-apiserver). */
const FIELDS_BY_KIND: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  CertificateSigningRequest: ['spec.signerName'],
  Secret: ['type'],
};

function fieldValue(object: any, path: string): string {
  let value: any = object;
  for (const part of path.split('.')) value = value?.[part];
  if (value === undefined || value === null) {
    return path === 'spec.unschedulable' || path === 'spec.hostNetwork'
      ? 'false'
      : '';
  }
  return String(value);
}

/** Field selector syntax: `a=b`, `a==b`, `a!=b`, comma-separated. */
export function parseFieldSelector(selector: string, kind: string): Matcher {
  const allowed = new Set([
    'metadata.name',
    'metadata.namespace',
    ...(FIELDS_BY_KIND[kind] ?? []),
  ]);
  const matchers: Matcher[] = [];
  for (const req of splitTopLevel(selector)) {
    const m = req.match(/^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m)
      throw new SelectorError(
        `invalid selector: '${selector}'; can't understand '${req}'`,
      );
    const [, field, op, value] = m;
    if (!allowed.has(field)) {
      throw new SelectorError(`field label not supported: ${field}`);
    }
    matchers.push(o => {
      const equal = fieldValue(o, field) === value;
      return op === '!=' ? !equal : equal;
    });
  }
  return o => matchers.every(fn => fn(o));
}
