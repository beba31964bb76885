import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useClusterRefreshSignal } from '../../hooks/useClusterRefreshSignal';
import { clusterReadinessApiRef } from '../../api';
import {
  fetchAllClusters,
  filterClusters,
  FleetFilters,
  rollup,
  rollupBy,
} from '../../lib/fleet';
import { ReadinessErrorPanel } from '../ReadinessErrorPanel';
import { ScoreCell } from '../ScoreCell';
import { ClusterHeatmapTable } from './ClusterHeatmapTable';
import { ExportButtons } from './ExportButtons';
import { FleetFilterBar } from './FleetFilterBar';
import { MostFailedChecks } from './MostFailedChecks';
import { RollupTable } from './RollupTable';

/**
 * The organisation view: every readable cluster as a heat map, filters, rollups by
 * owner and by system, the most-failed checks and exports.
 *
 * All summaries are read once (1,000 per request) and filtered in the browser, so
 * the rollups always match the table; the table pages its rows, and only the
 * most-failed analysis reads full reports, lazily and capped.
 * @public
 */
export function ClusterFleetOverview() {
  const api = useApi(clusterReadinessApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => fetchAllClusters(api),
    [api],
  );
  // Any finished refresh may change the fleet: reload (the table stays meanwhile).
  useClusterRefreshSignal(() => retry());
  const [filters, setFilters] = useState<FleetFilters>({ grades: [] });

  const clusters = useMemo(() => value ?? [], [value]);
  const owners = useMemo(
    () => [...new Set(clusters.map(c => c.owner ?? ''))].sort(),
    [clusters],
  );
  const inView = useMemo(
    () => filterClusters(clusters, filters),
    [clusters, filters],
  );
  const byOwner = useMemo(() => rollupBy(inView, c => c.owner), [inView]);
  const bySystem = useMemo(() => rollupBy(inView, c => c.system), [inView]);
  const total = useMemo(() => rollup('', inView), [inView]);

  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <Box>
        <ReadinessErrorPanel error={error} />
        <Box mt={1}>
          <Button size="small" variant="outlined" onClick={retry}>
            Retry
          </Button>
        </Box>
      </Box>
    );
  }
  if (!clusters.length) {
    return (
      <EmptyState
        missing="data"
        title="No clusters yet"
        description="Cluster Readiness has no report you may read. Clusters come from the catalog (Resources of type kubernetes-cluster), the Kubernetes plugin's configuration, snapshot files and pushed snapshots; the backend evaluates them on its schedule."
        action={<ExportButtons />}
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box
          display="flex"
          flexWrap="wrap"
          justifyContent="space-between"
          alignItems="center"
          gridGap={16}
        >
          <FleetFilterBar
            owners={owners}
            filters={filters}
            onChange={setFilters}
          />
          <ExportButtons />
        </Box>
      </Grid>
      <Grid item xs={12}>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          gridGap={16}
          aria-label="Fleet summary"
        >
          <Typography variant="body1">
            <strong>{inView.length}</strong> cluster(s) in view
          </Typography>
          <Box display="flex" alignItems="center" gridGap={8}>
            <Typography variant="body1">average</Typography>
            <ScoreCell score={total.averageScore} label="Average score" />
          </Box>
          <Typography variant="body1" aria-label="Clusters without a grade">
            <strong>{total.noGrade}</strong> no grade
          </Typography>
          <Typography variant="body1" aria-label="Clusters with a capped grade">
            <strong>{total.capped}</strong> capped
          </Typography>
          <Typography
            variant="body1"
            color={total.stale ? 'error' : 'textPrimary'}
          >
            <strong>{total.stale}</strong> stale
          </Typography>
        </Box>
      </Grid>
      <Grid item xs={12}>
        <ClusterHeatmapTable
          clusters={inView}
          total={clusters.length}
          focus={filters.category}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <RollupTable
          title="By owner"
          rollups={byOwner}
          defaultKind="group"
          emptyLabel="(no owner)"
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <RollupTable
          title="By system"
          rollups={bySystem}
          defaultKind="system"
          emptyLabel="(no system)"
        />
      </Grid>
      <Grid item xs={12}>
        <MostFailedChecks clusters={inView} />
      </Grid>
    </Grid>
  );
}
