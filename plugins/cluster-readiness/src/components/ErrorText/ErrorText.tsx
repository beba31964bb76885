import Typography, { TypographyProps } from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { ElementType } from 'react';

const useStyles = makeStyles((theme: Theme) => ({
  root: {
    // Backstage's colour for error text (#CA001B in the light theme) keeps 4.5:1 on
    // white and on the page's grey; `color="error"` (the palette's main) does not.
    color:
      (theme.palette as { errorText?: string }).errorText ??
      theme.palette.error.dark,
  },
}));

/** Text in the error colour, readable (WCAG AA contrast) on paper and on the page. */
export function ErrorText(
  props: Omit<TypographyProps, 'color'> & { component?: ElementType },
) {
  const classes = useStyles();
  return <Typography {...props} className={classes.root} />;
}
