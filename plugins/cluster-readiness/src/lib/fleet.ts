import {
  ClusterSummary,
  Grade,
  GradeCap,
} from '@cluster-readiness/backstage-plugin-common';

export function categoryScore(
  cluster: ClusterSummary,
  category: string,
):
  | { score: number | null; grade: Grade | null; gradeCap?: GradeCap | null }
  | undefined {
  return (cluster.categories ?? []).find(c => c?.id === category);
}

/** `group:default/platform-team` → `platform-team`; other namespaces keep theirs. */
export function shortRef(ref: string | undefined | null): string {
  if (!ref) return '';
  const match = ref.match(/^(?:[^:]+:)?(?:([^/]+)\/)?(.+)$/);
  if (!match) return ref;
  const [, namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}
