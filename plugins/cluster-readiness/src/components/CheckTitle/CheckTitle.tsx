import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Category } from '@cluster-readiness/backstage-plugin-common';
import { categoryTitle } from '../../lib/presentation';

/** A check's title over its id (and category, when given), for table cells. */
export function CheckTitle(props: {
  title: string;
  id: string;
  category?: Category;
}) {
  const { title, id, category } = props;
  return (
    <Box>
      <Typography variant="body2">{title}</Typography>
      <Typography variant="caption" color="textSecondary">
        {category && `${categoryTitle(category)} · `}
        <span>{id}</span>
      </Typography>
    </Box>
  );
}
