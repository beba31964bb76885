import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Gauge,
  InfoCard,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  ClusterDetails,
  StatusCounts,
} from '@cluster-readiness/backstage-plugin-common';
import {
  gradeCapExplanation,
  gradeLabel,
  isGradeWithheld,
  STATUSES,
} from '@cluster-readiness/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { clusterReadinessApiRef } from '../../api';
import { useEntityReadiness } from '../../hooks/useEntityReadiness';
import {
  formatCoverage,
  normalizeChecks,
  scoreColor,
  statusLabel,
} from '../../lib/presentation';
import { CategoryScorecards } from '../CategoryScorecards';
import { ChecksTable } from '../ChecksTable';
import { ClusterDrift } from '../ClusterDrift';
import { ClusterStateNotice } from '../ClusterStateNotice';
import { DistributionChip } from '../DistributionChip';
import { GradeChip } from '../GradeChip';
import { ReadinessErrorPanel } from '../ReadinessErrorPanel';
import { RefreshClusterButton } from '../RefreshClusterButton';
import { ScoreTrendChart } from '../ScoreTrendChart';

const HISTORY_LIMIT = 90;
const DRIFT_LIMIT = 100;

function Counts(props: { counts: Partial<StatusCounts> | null | undefined }) {
  const counts = props.counts ?? {};
  return (
    <Box display="flex" flexWrap="wrap" gridGap={12}>
      {STATUSES.map(s => (
        <Typography variant="body2" key={s}>
          {statusLabel(s)} <strong>{counts[s] ?? 0}</strong>
        </Typography>
      ))}
      <Typography variant="body2">
        Waived <strong>{counts.waived ?? 0}</strong>
      </Typography>
    </Box>
  );
}

function TrendCard(props: { name: string; evaluatedAt?: string }) {
  const api = useApi(clusterReadinessApiRef);
  const { value, loading, error } = useAsync(
    () => api.getHistory(props.name, { limit: HISTORY_LIMIT }),
    [api, props.name, props.evaluatedAt],
  );
  return (
    <InfoCard title="Score over time" variant="gridItem">
      {loading && <Progress />}
      {error && <ReadinessErrorPanel error={error} />}
      {value && <ScoreTrendChart history={value.items ?? []} />}
    </InfoCard>
  );
}

function DriftCard(props: {
  name: string;
  evaluatedAt?: string;
  titles: Map<string, string>;
}) {
  const api = useApi(clusterReadinessApiRef);
  const { value, loading, error } = useAsync(
    () => api.getDrift(props.name, { limit: DRIFT_LIMIT }),
    [api, props.name, props.evaluatedAt],
  );
  return (
    <InfoCard title="Drift" variant="gridItem">
      {loading && <Progress />}
      {error && <ReadinessErrorPanel error={error} />}
      {value && (
        <ClusterDrift
          drift={value.items ?? []}
          evaluatedAt={props.evaluatedAt}
          titles={props.titles}
        />
      )}
    </InfoCard>
  );
}

/** The readiness of one cluster: what the "Readiness" tab shows. */
export function ClusterReadinessView(props: {
  cluster: ClusterDetails;
  entityRef: string;
  onRefreshed: () => void;
}) {
  const { cluster, entityRef, onRefreshed } = props;
  const report = cluster.report;
  const checks = normalizeChecks(report?.checks);
  const titles = new Map(checks.map(c => [c.id, c.title]));
  const score = cluster.score ?? report?.score ?? null;
  const grade = cluster.grade ?? report?.grade ?? null;
  const coverage = cluster.coverage ?? report?.coverage ?? null;
  const gradeCap = cluster.gradeCap ?? report?.gradeCap ?? null;
  const distribution = report?.distribution ?? cluster.distribution;
  const graded = { grade, gradeCap, coverage };
  const capExplanation = gradeCapExplanation(graded);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={`Readiness of ${cluster.name}`}
          action={
            <RefreshClusterButton
              clusterName={cluster.name}
              entityRef={entityRef}
              onRefreshed={onRefreshed}
            />
          }
        >
          <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={32}>
            <Box width={140} aria-label="Overall score">
              {typeof score === 'number' ? (
                <Gauge
                  value={score}
                  fractional={false}
                  unit=""
                  getColor={() => scoreColor(score)}
                />
              ) : (
                <Typography variant="h5" color="textSecondary">
                  No score
                </Typography>
              )}
            </Box>
            <Box display="flex" flexDirection="column" gridGap={8}>
              <Box display="flex" alignItems="center" gridGap={8}>
                <Typography variant="body1">Grade</Typography>
                <GradeChip
                  grade={grade}
                  gradeCap={gradeCap}
                  coverage={coverage}
                  size="medium"
                />
                <Typography variant="body1">
                  Coverage <strong>{formatCoverage(coverage)}</strong>
                </Typography>
                <DistributionChip distribution={distribution} />
              </Box>
              <Counts counts={report?.counts ?? cluster.counts} />
              {report?.cluster && (
                <Typography variant="body2" color="textSecondary">
                  {[
                    report.cluster.version &&
                      `Kubernetes ${report.cluster.version}`,
                    report.cluster.controlPlane &&
                      `control plane: ${report.cluster.controlPlane}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
              )}
              <ClusterStateNotice cluster={cluster} hasReport={!!report} />
            </Box>
          </Box>
          {capExplanation && (
            <Box mt={2}>
              <Alert
                severity={isGradeWithheld(graded) ? 'warning' : 'info'}
                aria-label="Grade cap"
              >
                <strong>{gradeLabel(graded)}.</strong> {capExplanation}
              </Alert>
            </Box>
          )}
        </InfoCard>
      </Grid>
      {report ? (
        <>
          <Grid item xs={12}>
            <CategoryScorecards
              categories={report.categories}
              checks={checks}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <TrendCard name={cluster.name} evaluatedAt={cluster.evaluatedAt} />
          </Grid>
          <Grid item xs={12} md={6}>
            <DriftCard
              name={cluster.name}
              evaluatedAt={cluster.evaluatedAt}
              titles={titles}
            />
          </Grid>
          <Grid item xs={12}>
            <ChecksTable checks={checks} />
          </Grid>
        </>
      ) : (
        <Grid item xs={12}>
          <EmptyState
            missing="data"
            title="No report yet"
            description="There is no successful evaluation of this cluster to show."
          />
        </Grid>
      )}
    </Grid>
  );
}

/**
 * Entity content for a Resource of `spec.type: kubernetes-cluster`: overall score,
 * category scorecards, trend, drift and every check.
 * @public
 */
export function ClusterReadinessContent() {
  const { entity } = useEntity();
  const { value, loading, error, retry } = useEntityReadiness();

  if (loading && !value) return <Progress />;
  if (error) return <ReadinessErrorPanel error={error} />;
  if (!value || value.kind !== 'cluster') {
    return (
      <EmptyState
        missing="info"
        title="Not a Kubernetes cluster"
        description="Cluster readiness is shown on Resource entities of type kubernetes-cluster."
      />
    );
  }
  if (!value.cluster) {
    return (
      <EmptyState
        missing="data"
        title="No readiness report for this cluster"
        description="Cluster Readiness has not evaluated this cluster yet, does not know it, or you may not read its report."
      />
    );
  }
  return (
    <ClusterReadinessView
      cluster={value.cluster}
      entityRef={stringifyEntityRef(entity)}
      onRefreshed={retry}
    />
  );
}
