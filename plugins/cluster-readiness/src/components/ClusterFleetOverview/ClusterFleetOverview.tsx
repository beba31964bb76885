import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import type {
  FleetAggregates,
  FleetFilter,
} from '@cluster-readiness/backstage-plugin-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { clusterReadinessApiRef } from '../../api';
import { useClusterRefreshSignal } from '../../hooks/useClusterRefreshSignal';
import {
  DEFAULT_VIEW,
  FleetView,
  fleetViewQuery,
  isEmptyFilter,
  parseFleetView,
} from '../../lib/fleetView';
import { markDataReturned, markRendered } from '../../lib/renderTiming';
import { ReadinessErrorPanel } from '../ReadinessErrorPanel';
import { ClusterPageTable } from './ClusterPageTable';
import { ExportButtons } from './ExportButtons';
import { FleetFilterBar } from './FleetFilterBar';
import { FleetSummary } from './FleetSummary';
import { MostFailedChecks } from './MostFailedChecks';
import { RollupTable } from './RollupTable';

/** Checks in the most-failed list. */
export const MOST_FAILED_CHECKS = 10;

const keys = (rollups: FleetAggregates['owners'] | undefined) =>
  (rollups ?? []).flatMap(r => (r.key ? [r.key] : []));

const withSelected = (options: string[], selected: string[] = []) =>
  [...new Set([...options, ...selected])].sort();

/**
 * The organisation view: one page of clusters at a time, filtered, sorted and paged by
 * the backend (`GET /clusters`, cursor paging); counters, grade distribution, rollups
 * by owner and by system and the most-failed checks over every cluster in view
 * (`GET /fleet`); exports. Filters and sort live in the URL query, so a view can be
 * shared; nothing here grows with the fleet.
 * @public
 */
export function ClusterFleetOverview() {
  const api = useApi(clusterReadinessApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseFleetView(searchParams), [searchParams]);
  const viewKey = fleetViewQuery(view).toString();
  // Only the filter, not the sort or page size, changes the aggregates.
  const filterKey = fleetViewQuery({
    ...DEFAULT_VIEW,
    filter: view.filter,
  }).toString();
  const filterEmpty = isEmptyFilter(view.filter);

  const setView = useCallback(
    (next: FleetView) => setSearchParams(fleetViewQuery(next)),
    [setSearchParams],
  );

  // Cursors of the pages visited in this view; the last is the page shown.
  const [paging, setPaging] = useState<{
    key: string;
    stack: Array<string | undefined>;
  }>({ key: viewKey, stack: [undefined] });
  const stack = paging.key === viewKey ? paging.stack : [undefined];
  const cursor = stack[stack.length - 1];

  const list = useAsyncRetry(
    () =>
      api
        .listClusters({
          ...view.filter,
          sort: view.sort,
          order: view.order,
          limit: view.pageSize,
          cursor,
        })
        .then(page => {
          markDataReturned();
          return page;
        }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, viewKey, cursor],
  );
  const fleet = useAsyncRetry(
    () =>
      api.getFleet(view.filter, { checks: MOST_FAILED_CHECKS }).then(f => {
        markDataReturned();
        return f;
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey],
  );
  // The owners and systems to choose from, and the fleet's size, come from the
  // unfiltered aggregates: the page's own when nothing is filtered.
  const everything = useAsync(
    async () => (filterEmpty ? undefined : api.getFleet({}, { checks: 1 })),
    [api, filterEmpty],
  );
  const all = filterEmpty ? fleet.value : everything.value;

  // Any finished refresh may change the fleet: reload (the page stays meanwhile).
  useClusterRefreshSignal(() => {
    list.retry();
    fleet.retry();
  });

  const ready = !!list.value && !!fleet.value;
  useEffect(() => {
    if (ready) markRendered();
  }, [ready]);

  const setFilter = (filter: FleetFilter) => setView({ ...view, filter });

  if ((list.loading && !list.value) || (fleet.loading && !fleet.value)) {
    return <Progress />;
  }
  const error = list.error ?? fleet.error;
  if (error) {
    return (
      <Box>
        <ReadinessErrorPanel error={error} />
        <Box mt={1}>
          <Button
            size="small"
            variant="outlined"
            onClick={() => {
              list.retry();
              fleet.retry();
            }}
          >
            Retry
          </Button>
        </Box>
      </Box>
    );
  }
  const page = list.value!;
  const aggregates = fleet.value!;
  if (filterEmpty && aggregates.totalClusters === 0 && !page.items.length) {
    return (
      <EmptyState
        missing="data"
        title="No clusters yet"
        description="Cluster Readiness has no report you may read. Clusters come from the catalog (Resources of type kubernetes-cluster), the Kubernetes plugin's configuration, snapshot files and pushed snapshots; the backend evaluates them on its schedule."
        action={<ExportButtons />}
      />
    );
  }

  const total = page.totalItems;
  const title = `Clusters (${total}${
    !filterEmpty && all ? ` of ${all.totalClusters}` : ''
  })`;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {/* On paper: outlined field labels lack contrast on the page's grey. */}
        <Paper>
          <Box
            p={2}
            display="flex"
            flexWrap="wrap"
            justifyContent="space-between"
            alignItems="center"
            gridGap={16}
          >
            <FleetFilterBar
              filter={view.filter}
              owners={withSelected(keys(all?.owners), view.filter.owner)}
              systems={withSelected(keys(all?.systems), view.filter.system)}
              onChange={setFilter}
            />
            <ExportButtons />
          </Box>
        </Paper>
      </Grid>
      <Grid item xs={12}>
        <FleetSummary fleet={aggregates} />
      </Grid>
      <Grid item xs={12}>
        <ClusterPageTable
          title={title}
          clusters={page.items}
          loading={list.loading}
          sort={view.sort}
          order={view.order}
          onSort={(sort, order) => setView({ ...view, sort, order })}
          pageSize={view.pageSize}
          onPageSize={pageSize => setView({ ...view, pageSize })}
          page={stack.length - 1}
          total={total}
          hasPrevious={stack.length > 1}
          hasNext={!!page.nextCursor}
          onPrevious={() =>
            setPaging({ key: viewKey, stack: stack.slice(0, -1) })
          }
          onNext={() =>
            setPaging({ key: viewKey, stack: [...stack, page.nextCursor] })
          }
        />
      </Grid>
      <Grid item xs={12} lg={6}>
        <RollupTable
          title="By owner"
          rollups={aggregates.owners ?? []}
          defaultKind="group"
          emptyLabel="(no owner)"
        />
      </Grid>
      <Grid item xs={12} lg={6}>
        <RollupTable
          title="By system"
          rollups={aggregates.systems ?? []}
          defaultKind="system"
          emptyLabel="(no system)"
        />
      </Grid>
      <Grid item xs={12}>
        <MostFailedChecks
          checks={aggregates.mostFailedChecks ?? []}
          clusters={aggregates.totalClusters}
        />
      </Grid>
    </Grid>
  );
}
