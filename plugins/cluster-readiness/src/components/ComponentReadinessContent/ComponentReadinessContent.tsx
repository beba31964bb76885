import {
  EmptyState,
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  CATEGORIES,
  ComponentCluster,
  KUBERNETES_ID_LABEL,
  WorkloadFinding,
} from '@cluster-readiness/backstage-plugin-common';
import { useEntityReadiness } from '../../hooks/useEntityReadiness';
import { categoryTitle, formatTime, statusRank } from '../../lib/presentation';
import { categoryScore } from '../../lib/fleet';
import { ClusterLink } from '../ClusterLink';
import { DistributionChip } from '../DistributionChip';
import { GradeCapCaption, GradeChip } from '../GradeChip';
import { ReadinessErrorPanel } from '../ReadinessErrorPanel';
import { ScoreCell } from '../ScoreCell';
import { StatusLabel } from '../StatusLabel';
import { ErrorText } from '../ErrorText';

type ClusterRow = ComponentCluster & { id: string };

const VIA_LABELS: Record<ComponentCluster['via'][number], string> = {
  dependsOn: 'dependsOn relation',
  pods: 'labelled pods',
};

const clusterColumns: TableColumn<ClusterRow>[] = [
  {
    title: 'Cluster',
    field: 'cluster.name',
    highlight: true,
    render: r => <ClusterLink cluster={r.cluster} />,
  },
  {
    title: 'Via',
    field: 'via',
    sorting: false,
    render: r => (
      <Box display="flex" gridGap={4}>
        {(r.via ?? []).map(v => (
          <Chip key={v} size="small" label={VIA_LABELS[v] ?? v} />
        ))}
      </Box>
    ),
  },
  {
    title: 'Score',
    field: 'cluster.score',
    render: r => (
      <ScoreCell score={r.cluster.score} label={`${r.cluster.name} score`} />
    ),
  },
  {
    title: 'Grade',
    field: 'cluster.grade',
    render: r => (
      <GradeChip
        grade={r.cluster.grade}
        gradeCap={r.cluster.gradeCap}
        coverage={r.cluster.coverage}
      />
    ),
  },
  {
    title: 'Distribution',
    field: 'cluster.distribution',
    render: r => <DistributionChip distribution={r.cluster.distribution} />,
  },
  ...CATEGORIES.map(
    (id): TableColumn<ClusterRow> => ({
      title: categoryTitle(id),
      sorting: false,
      render: r => {
        const category = categoryScore(r.cluster, id);
        return (
          <>
            <ScoreCell
              score={category?.score}
              label={`${r.cluster.name} ${categoryTitle(id)}`}
            />
            {category && <GradeCapCaption {...category} />}
          </>
        );
      },
    }),
  ),
  {
    title: 'Last evaluated',
    field: 'cluster.evaluatedAt',
    render: r => (
      <Box>
        <Typography variant="body2">
          {formatTime(r.cluster.evaluatedAt)}
        </Typography>
        {r.cluster.stale && (
          <ErrorText variant="caption">
            stale{r.cluster.error ? `: ${r.cluster.error}` : ''}
          </ErrorText>
        )}
      </Box>
    ),
  },
];

const findingColumns: TableColumn<WorkloadFinding>[] = [
  {
    title: 'Status',
    field: 'status',
    render: f => <StatusLabel status={f.status} />,
  },
  { title: 'Finding', field: 'title', highlight: true },
  { title: 'Message', field: 'message' },
  {
    title: 'Evidence',
    field: 'evidence',
    sorting: false,
    render: f => (
      <Box component="ul" m={0} pl={2}>
        {(f.evidence ?? []).map((e, i) => (
          <li key={i}>
            <Typography variant="caption" style={{ fontFamily: 'monospace' }}>
              {e}
            </Typography>
          </li>
        ))}
      </Box>
    ),
  },
  { title: 'Cluster-wide check', field: 'relatedCheck' },
];

function WorkloadsCard(props: {
  entry: ComponentCluster;
  kubernetesId?: string;
}) {
  const { entry, kubernetesId } = props;
  const workloads = entry.workloads;
  const title = `Workloads on ${entry.cluster.name}`;
  if (!workloads) {
    return (
      <InfoCard title={title}>
        <Typography variant="body2">
          {kubernetesId
            ? `No pods labelled ${KUBERNETES_ID_LABEL}=${kubernetesId} were found on this cluster.`
            : `Annotate this component with ${KUBERNETES_ID_LABEL} (and label its pods) to see its own workloads here.`}
        </Typography>
      </InfoCard>
    );
  }
  const findings = [...(workloads.findings ?? [])].sort(
    (a, b) =>
      statusRank(a.status) - statusRank(b.status) ||
      String(a.title).localeCompare(String(b.title)),
  );
  const namespaces = workloads.namespaces ?? [];
  return (
    <Table<WorkloadFinding>
      title={title}
      subtitle={`${
        workloads.pods ?? 0
      } pod(s) labelled ${KUBERNETES_ID_LABEL}=${workloads.kubernetesId}${
        namespaces.length ? ` in ${namespaces.join(', ')}` : ''
      }`}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        draggable: false,
      }}
      columns={findingColumns}
      data={findings.map(f => ({ ...f }))}
    />
  );
}

/**
 * Entity content for a Component: the clusters it runs on (by `dependsOn` on the
 * cluster's Resource and/or pods labelled with its kubernetes-id), their grades and
 * category scores, and the component's own workload findings on each.
 * @public
 */
export function ComponentReadinessContent() {
  const { value, loading, error } = useEntityReadiness();

  if (loading) return <Progress />;
  if (error) return <ReadinessErrorPanel error={error} />;
  if (value?.kind !== 'component') {
    return (
      <EmptyState
        missing="info"
        title="Not a component"
        description="Cluster readiness of a service is shown on Component entities."
      />
    );
  }
  const clusters = [...(value.clusters ?? [])].sort(
    (a, b) => (a.cluster.score ?? -1) - (b.cluster.score ?? -1),
  );
  if (!clusters.length) {
    return (
      <EmptyState
        missing="data"
        title="No known cluster runs this component"
        description={`Add a dependsOn relation from this component to its cluster's Resource entity, or label its pods with ${KUBERNETES_ID_LABEL}${
          value.kubernetesId
            ? `=${value.kubernetesId}`
            : ' (and annotate the component with it)'
        }. Clusters you may not read are not listed.`}
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Table<ClusterRow>
          title={`Clusters (${clusters.length})`}
          options={{
            paging: false,
            search: false,
            padding: 'dense',
            draggable: false,
          }}
          columns={clusterColumns}
          data={clusters.map(c => ({ ...c, id: c.cluster.name }))}
        />
      </Grid>
      {clusters.map(entry => (
        <Grid item xs={12} key={entry.cluster.name}>
          <WorkloadsCard entry={entry} kubernetesId={value.kubernetesId} />
        </Grid>
      ))}
    </Grid>
  );
}
