import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import type {
  ClusterState,
  FleetFilter,
} from '@cluster-readiness/backstage-plugin-common';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { shortRef } from '../../lib/fleet';
import { CLUSTER_STATES, GradeFilter, NO_GRADE } from '../../lib/fleetView';
import { GRADE_COLORS, GRADES, NO_SCORE_COLOR } from '../../lib/presentation';

const ANY = '*';
/** Milliseconds the search waits after the last keystroke before it asks the backend. */
export const SEARCH_DEBOUNCE_MS = 300;

const STATE_LABELS: Record<ClusterState, string> = {
  ok: 'ok',
  stale: 'stale',
  pending: 'pending',
  error: 'failed to read',
  'needs-user-credentials': 'needs credentials',
};

function RefFilter(props: {
  label: string;
  options: string[];
  value: string[] | undefined;
  onChange: (value: string[] | undefined) => void;
}) {
  return (
    <Autocomplete<string, true, false, false>
      multiple
      size="small"
      style={{ minWidth: 220, maxWidth: 420 }}
      options={props.options}
      value={props.value ?? []}
      getOptionLabel={shortRef}
      filterSelectedOptions
      onChange={(_e, value: string[]) =>
        props.onChange(value.length ? value : undefined)
      }
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label={props.label}
          placeholder={props.value?.length ? undefined : 'All'}
        />
      )}
    />
  );
}

/**
 * Filters of the organisation page: owner, system, grade (with "no grade"), state,
 * staleness and a text search (sent once typing pauses).
 */
export function FleetFilterBar(props: {
  filter: FleetFilter;
  owners: string[];
  systems: string[];
  onChange: (filter: FleetFilter) => void;
}) {
  const { filter, onChange } = props;
  const [text, setText] = useState(filter.q ?? '');
  // A new URL (back button, shared link) replaces what is typed.
  useEffect(() => setText(filter.q ?? ''), [filter.q]);
  useDebounce(
    () => {
      const q = text.trim() || undefined;
      if (q !== filter.q) onChange({ ...filter, q });
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      gridGap={16}
      component="section"
      aria-label="Filters"
    >
      <TextField
        id="cluster-readiness-search"
        label="Search"
        placeholder="Name, owner or system"
        value={text}
        onChange={e => setText(e.target.value)}
        variant="outlined"
        size="small"
        type="search"
      />
      <RefFilter
        label="Owner"
        options={props.owners}
        value={filter.owner}
        onChange={owner => onChange({ ...filter, owner })}
      />
      <RefFilter
        label="System"
        options={props.systems}
        value={filter.system}
        onChange={system => onChange({ ...filter, system })}
      />
      <Box display="flex" alignItems="center" gridGap={8}>
        <Typography variant="body2" component="span" id="grade-filter-label">
          Grade
        </Typography>
        <ToggleButtonGroup
          size="small"
          value={filter.grade ?? []}
          onChange={(_e, grade: GradeFilter[]) =>
            onChange({ ...filter, grade: grade.length ? grade : undefined })
          }
          aria-labelledby="grade-filter-label"
        >
          {GRADES.map(g => (
            <ToggleButton
              key={g}
              value={g}
              aria-label={`Grade ${g}`}
              style={{ borderBottom: `3px solid ${GRADE_COLORS[g]}` }}
            >
              {g}
            </ToggleButton>
          ))}
          <ToggleButton
            value={NO_GRADE}
            aria-label="No grade"
            style={{ borderBottom: `3px solid ${NO_SCORE_COLOR}` }}
          >
            no grade
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      <Box display="flex" alignItems="center" gridGap={8}>
        <Typography variant="body2" component="span" id="state-filter-label">
          State
        </Typography>
        <ToggleButtonGroup
          size="small"
          value={filter.state ?? []}
          onChange={(_e, state: ClusterState[]) =>
            onChange({ ...filter, state: state.length ? state : undefined })
          }
          aria-labelledby="state-filter-label"
        >
          {CLUSTER_STATES.map(s => (
            <ToggleButton
              key={s}
              value={s}
              aria-label={`State ${STATE_LABELS[s]}`}
            >
              {STATE_LABELS[s]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      <TextField
        id="cluster-readiness-freshness"
        select
        label="Freshness"
        value={filter.stale === undefined ? ANY : String(filter.stale)}
        onChange={e =>
          onChange({
            ...filter,
            stale:
              e.target.value === ANY ? undefined : e.target.value === 'true',
          })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        variant="outlined"
        size="small"
      >
        <option value={ANY}>Stale and fresh</option>
        <option value="true">Stale only</option>
        <option value="false">Fresh only</option>
      </TextField>
    </Box>
  );
}
