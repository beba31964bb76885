import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 8 },
  text: {
    color: '#fff',
    fontWeight: 700,
    fontSize: 16,
    lineHeight: 1.1,
    whiteSpace: 'nowrap',
  },
});

/** The sidebar logo when open: the mark and the product name. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <div className={classes.root}>
      <LogoIcon />
      <span className={classes.text}>
        Cluster
        <br />
        Readiness
      </span>
    </div>
  );
};
