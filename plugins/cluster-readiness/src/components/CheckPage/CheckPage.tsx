import { Link, Progress, WarningPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  BUILTIN_CHECKS,
  CheckMetadata,
  checkMetadata,
  CheckStatus,
  STATUSES,
} from '@cluster-readiness/backstage-plugin-common';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { clusterReadinessApiRef } from '../../api';
import {
  categoryTitle,
  errorMessage,
  formatTime,
  statusLabel,
} from '../../lib/presentation';
import { rootRouteRef } from '../../routes';
import { EntityPageLink } from '../EntityPageLink';
import { ReadinessErrorPanel } from '../ReadinessErrorPanel';
import { StatusLabel } from '../StatusLabel';

/** Results per page of the check page. */
export const CHECK_PAGE_SIZE = 50;

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="overline" component="div" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

/**
 * The page of one check: its rule, severity, category and remediation link (from
 * `GET /checks`), how many readable clusters pass, warn or fail it, and every
 * cluster's result, a page at a time with a status filter, each with the waiver
 * (reason, owner, expiry) that covers it (`GET /checks/:id/clusters`).
 * @public
 */
export function CheckPage(props: { checkId: string }) {
  const { checkId } = props;
  const api = useApi(clusterReadinessApiRef);
  const rootLink = useRouteRef(rootRouteRef);
  const [status, setStatus] = useState<CheckStatus[]>([]);
  const [paging, setPaging] = useState<{
    key: string;
    stack: Array<string | undefined>;
  }>({ key: '', stack: [undefined] });
  const key = `${checkId}|${status.join(',')}`;
  const stack = paging.key === key ? paging.stack : [undefined];
  const cursor = stack[stack.length - 1];

  const checks = useAsync(() => api.listChecks(), [api]);
  const results = useAsync(
    () =>
      api.listCheckClusters(checkId, {
        status: status.length ? status : undefined,
        limit: CHECK_PAGE_SIZE,
        cursor,
      }),
    [api, checkId, key, cursor],
  );

  const known = (checks.value?.items ?? BUILTIN_CHECKS.map(checkMetadata)).find(
    (c: CheckMetadata) => c.id === checkId,
  );
  const list = results.value;
  const first = stack.length - 1;

  return (
    <Box display="flex" flexDirection="column" gridGap={24}>
      <Box>
        <Link to={`${rootLink()}/checks`}>← All checks</Link>
        <Typography variant="h4" component="h2">
          {known?.title ?? checkId}
        </Typography>
        <Typography variant="body2">{checkId}</Typography>
      </Box>
      {checks.error && (
        <WarningPanel
          severity="warning"
          title="The backend's list of checks could not be read"
          message={errorMessage(checks.error)}
        />
      )}
      {checks.loading ? (
        <Progress />
      ) : (
        <Paper component="section" aria-label="About this check">
          <Box p={2} display="flex" flexDirection="column" gridGap={16}>
            {known ? (
              <>
                <Box display="flex" flexWrap="wrap" gridGap={32}>
                  <Fact label="Category">{categoryTitle(known.category)}</Fact>
                  <Fact label="Severity">{known.severity}</Fact>
                  <Fact label="Remediation">
                    {known.remediation ? (
                      <Link to={known.remediation}>
                        How to fix it (Kubernetes docs)
                      </Link>
                    ) : (
                      '—'
                    )}
                  </Fact>
                </Box>
                <Fact label="Rule">{known.rule}</Fact>
              </>
            ) : (
              <Typography variant="body2">
                The backend does not list a check “{checkId}”.
              </Typography>
            )}
          </Box>
        </Paper>
      )}
      <Paper component="section" aria-label="Results by cluster">
        <Box p={2} display="flex" flexDirection="column" gridGap={16}>
          <Typography variant="h5" component="h3">
            Results by cluster
          </Typography>
          {list && (
            <Box
              display="flex"
              flexWrap="wrap"
              gridGap={16}
              role="group"
              aria-label="Status counts"
            >
              {STATUSES.map(s => (
                <Typography key={s} variant="body2">
                  {statusLabel(s)}: <strong>{list.counts?.[s] ?? 0}</strong>
                </Typography>
              ))}
              <Typography variant="body2">
                Waived: <strong>{list.counts?.waived ?? 0}</strong>
              </Typography>
            </Box>
          )}
          <Box display="flex" alignItems="center" gridGap={8}>
            <Typography variant="body2" component="span" id="status-filter">
              Status
            </Typography>
            <ToggleButtonGroup
              size="small"
              value={status}
              onChange={(_e, next: CheckStatus[]) => setStatus(next)}
              aria-labelledby="status-filter"
            >
              {STATUSES.map(s => (
                <ToggleButton key={s} value={s} aria-label={`Status ${s}`}>
                  {statusLabel(s)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
        </Box>
        <Box height={4}>{results.loading && <LinearProgress />}</Box>
        {results.error ? (
          <Box p={2}>
            <ReadinessErrorPanel error={results.error} />
          </Box>
        ) : (
          <Box
            overflow="auto"
            tabIndex={0}
            role="region"
            aria-label="Results table, scrolls sideways"
          >
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Cluster</TableCell>
                  <TableCell>Owner</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Message</TableCell>
                  <TableCell>Waiver</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(list?.items ?? []).map(r => (
                  <TableRow
                    key={r.cluster.name}
                    data-testid={`result-${r.cluster.name}`}
                  >
                    <TableCell component="th" scope="row">
                      <EntityPageLink
                        entityRef={r.cluster.entityRef}
                        defaultKind="resource"
                        label={r.cluster.name}
                      />
                    </TableCell>
                    <TableCell>
                      <EntityPageLink
                        entityRef={r.cluster.owner}
                        defaultKind="group"
                      />
                    </TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      <StatusLabel status={r.status} />
                    </TableCell>
                    <TableCell>{r.message}</TableCell>
                    <TableCell>
                      {r.waiver ? (
                        <Box>
                          <Typography variant="body2">
                            {r.waiver.expired ? 'Expired waiver' : 'Waived'}:{' '}
                            {r.waiver.reason}
                          </Typography>
                          <Typography variant="caption" color="textSecondary">
                            by {r.waiver.owner} ·{' '}
                            {r.waiver.expired ? 'expired' : 'expires'}{' '}
                            {formatTime(r.waiver.expires)}
                          </Typography>
                        </Box>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                  </TableRow>
                ))}
                {list && !list.items.length && (
                  <TableRow>
                    <TableCell colSpan={5}>
                      No cluster has this result.
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </Box>
        )}
        <Box
          p={1}
          display="flex"
          justifyContent="flex-end"
          alignItems="center"
          gridGap={16}
        >
          {list && (
            <Typography variant="body2" aria-live="polite">
              {list.totalItems ? first * CHECK_PAGE_SIZE + 1 : 0}–
              {first * CHECK_PAGE_SIZE + list.items.length} of {list.totalItems}
            </Typography>
          )}
          <Button
            size="small"
            variant="outlined"
            disabled={stack.length < 2 || results.loading}
            onClick={() => setPaging({ key, stack: stack.slice(0, -1) })}
          >
            Previous page
          </Button>
          <Button
            size="small"
            variant="outlined"
            disabled={!list?.nextCursor || results.loading}
            onClick={() =>
              setPaging({ key, stack: [...stack, list?.nextCursor] })
            }
          >
            Next page
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}
