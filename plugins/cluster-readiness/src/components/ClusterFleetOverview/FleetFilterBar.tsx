import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  CATEGORIES,
  Category,
} from '@cluster-readiness/backstage-plugin-common';
import type { FleetFilters, GradeFilter } from '../../lib/fleet';
import { NO_GRADE, shortRef } from '../../lib/fleet';
import {
  categoryTitle,
  GRADE_COLORS,
  GRADES,
  NO_SCORE_COLOR,
} from '../../lib/presentation';

const ANY = '*';
const NO_OWNER = '';

/** Owner, grade, category and staleness filters of the organisation page. */
export function FleetFilterBar(props: {
  owners: string[];
  filters: FleetFilters;
  onChange: (filters: FleetFilters) => void;
}) {
  const { owners, filters, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
      <TextField
        select
        label="Owner"
        value={filters.owner ?? ANY}
        onChange={e =>
          onChange({
            ...filters,
            owner: e.target.value === ANY ? undefined : e.target.value,
          })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'aria-label': 'Owner filter' }}
        variant="outlined"
        size="small"
      >
        <option value={ANY}>All owners</option>
        {owners.map(o => (
          <option key={o} value={o}>
            {o === NO_OWNER ? '(no owner)' : shortRef(o)}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Category"
        value={filters.category ?? ANY}
        onChange={e =>
          onChange({
            ...filters,
            category:
              e.target.value === ANY ? undefined : (e.target.value as Category),
          })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'aria-label': 'Category filter' }}
        variant="outlined"
        size="small"
        helperText={
          filters.category ? 'Grades filter this category' : undefined
        }
      >
        <option value={ANY}>Overall</option>
        {CATEGORIES.map(c => (
          <option key={c} value={c}>
            {categoryTitle(c)}
          </option>
        ))}
      </TextField>
      <Box display="flex" alignItems="center" gridGap={8}>
        <Typography variant="body2">Grade</Typography>
        <ToggleButtonGroup
          size="small"
          value={filters.grades}
          onChange={(_e, grades: GradeFilter[]) =>
            onChange({ ...filters, grades })
          }
          aria-label="Grade filter"
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
      <TextField
        select
        label="Freshness"
        value={filters.stale === undefined ? ANY : String(filters.stale)}
        onChange={e =>
          onChange({
            ...filters,
            stale:
              e.target.value === ANY ? undefined : e.target.value === 'true',
          })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'aria-label': 'Stale filter' }}
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
