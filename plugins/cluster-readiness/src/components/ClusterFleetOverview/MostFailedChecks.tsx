import { InfoCard, Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  ClusterReport,
  ClusterSummary,
  mapWithConcurrency,
} from '@cluster-readiness/backstage-plugin-common';
import { useEffect, useMemo, useRef, useState } from 'react';
import { clusterReadinessApiRef } from '../../api';
import { CheckTitle } from '../CheckTitle';
import { FailedCheck, mostFailedChecks } from '../../lib/fleet';
import { categoryTitle } from '../../lib/presentation';

/** Reports read by default: the lowest-scoring clusters in view. */
export const MOST_FAILED_SAMPLE = 50;
/** `GET /clusters/:name` requests in flight at once. */
export const REPORT_CONCURRENCY = 6;
const TOP = 10;

type Row = FailedCheck & { rowId: string };

function names(list: string[]) {
  const shown = list.slice(0, 20).join(', ');
  return list.length > 20 ? `${shown} and ${list.length - 20} more` : shown;
}

const columns: TableColumn<Row>[] = [
  {
    title: 'Check',
    field: 'title',
    highlight: true,
    render: r => <CheckTitle title={r.title} id={r.id} />,
  },
  {
    title: 'Category',
    field: 'category',
    render: r => categoryTitle(r.category),
  },
  { title: 'Severity', field: 'severity' },
  {
    title: 'Failing',
    field: 'failing',
    customSort: (a, b) => a.failing.length - b.failing.length,
    render: r => (
      <Tooltip title={names(r.failing) || 'none'}>
        <span aria-label={`${r.id} failing`}>{r.failing.length}</span>
      </Tooltip>
    ),
  },
  {
    title: 'Warning',
    field: 'warning',
    customSort: (a, b) => a.warning.length - b.warning.length,
    render: r => (
      <Tooltip title={names(r.warning) || 'none'}>
        <span aria-label={`${r.id} warning`}>{r.warning.length}</span>
      </Tooltip>
    ),
  },
  {
    title: 'Distributions',
    field: 'distributions',
    sorting: false,
    render: r => (
      <span aria-label={`${r.id} distributions`}>
        {Object.entries(r.distributions)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, n]) => `${name} ×${n}`)
          .join(', ')}
      </span>
    ),
  },
  {
    title: 'Remediation',
    field: 'remediation',
    render: r =>
      r.remediation ? <Link to={r.remediation}>Kubernetes docs</Link> : null,
  },
];

interface Analysis {
  done: number;
  finished: boolean;
  reports: ClusterReport[];
  failedLoads: number;
}

/**
 * The checks that fail (then warn) on the most clusters in view. Summaries carry no
 * per-check results, so this reads reports with `GET /clusters/:name`: by default
 * those of the {@link MOST_FAILED_SAMPLE} lowest-scoring clusters, or every
 * cluster in view on request, {@link REPORT_CONCURRENCY} at a time. Reports are
 * cached per cluster and evaluation while the page is open, so changing filters
 * reads only what is new.
 */
export function MostFailedChecks(props: { clusters: ClusterSummary[] }) {
  const api = useApi(clusterReadinessApiRef);
  const cache = useRef(new Map<string, Promise<ClusterReport | undefined>>());
  const [all, setAll] = useState(false);

  const candidates = useMemo(
    () =>
      props.clusters
        .filter(c => c.evaluatedAt)
        .sort(
          (a, b) =>
            (a.score ?? Infinity) - (b.score ?? Infinity) ||
            a.name.localeCompare(b.name),
        ),
    [props.clusters],
  );
  const targets = useMemo(
    () => (all ? candidates : candidates.slice(0, MOST_FAILED_SAMPLE)),
    [all, candidates],
  );
  const [analysis, setAnalysis] = useState<Analysis>({
    done: 0,
    finished: false,
    reports: [],
    failedLoads: 0,
  });

  useEffect(() => {
    const controller = new AbortController();
    setAnalysis({ done: 0, finished: false, reports: [], failedLoads: 0 });
    const load = (c: ClusterSummary) => {
      const key = `${c.name}@${c.evaluatedAt}`;
      let report = cache.current.get(key);
      if (!report) {
        report = api.getCluster(c.name).then(d => d.report);
        cache.current.set(key, report);
        report.catch(() => cache.current.delete(key));
      }
      return report;
    };
    mapWithConcurrency(targets, REPORT_CONCURRENCY, load, {
      signal: controller.signal,
      onSettled: done => {
        if (!controller.signal.aborted) setAnalysis(a => ({ ...a, done }));
      },
    }).then(results => {
      if (controller.signal.aborted) return;
      setAnalysis({
        done: targets.length,
        finished: true,
        reports: results.filter(
          (r): r is ClusterReport => !!r && !(r instanceof Error),
        ),
        failedLoads: results.filter(r => r instanceof Error).length,
      });
    });
    return () => controller.abort();
  }, [api, targets]);

  const failed = useMemo(
    () => mostFailedChecks(analysis.reports).slice(0, TOP),
    [analysis.reports],
  );

  const sampled = targets.length < candidates.length;
  return (
    <Box component="section" aria-label="Most-failed checks">
      <InfoCard
        title="Most-failed checks"
        subheader={`From the reports of ${targets.length} of ${
          candidates.length
        } evaluated cluster(s) in view${
          sampled ? ', lowest-scoring first' : ''
        }`}
        action={
          sampled ? (
            <Button
              size="small"
              variant="outlined"
              onClick={() => setAll(true)}
            >
              Analyse all {candidates.length}
            </Button>
          ) : undefined
        }
      >
        {!analysis.finished ? (
          <Box>
            <LinearProgress
              variant="determinate"
              value={
                targets.length ? (100 * analysis.done) / targets.length : 0
              }
            />
            <Typography variant="body2" color="textSecondary">
              Reading reports: {analysis.done} of {targets.length}
            </Typography>
          </Box>
        ) : (
          <>
            {analysis.failedLoads > 0 && (
              <Typography variant="body2" color="error" gutterBottom>
                {analysis.failedLoads} report(s) could not be read and are left
                out.
              </Typography>
            )}
            {failed.length ? (
              <Table<Row>
                options={{
                  paging: false,
                  search: false,
                  toolbar: false,
                  padding: 'dense',
                }}
                columns={columns}
                data={failed.map(f => ({ ...f, rowId: f.id }))}
              />
            ) : (
              <Typography variant="body2">
                No check fails or warns on the analysed clusters.
              </Typography>
            )}
          </>
        )}
      </InfoCard>
    </Box>
  );
}
