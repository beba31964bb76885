import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 28, height: 28, flexShrink: 0 },
});

/** The Cluster Readiness mark: a heptagon (Kubernetes) with a check. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg className={classes.svg} viewBox="0 0 32 32" xmlns="http://www.w3.org/2000/svg" aria-label="Cluster Readiness">
      <polygon
        points="16,2 27,7.3 29.7,19.1 22.1,28.6 9.9,28.6 2.3,19.1 5,7.3"
        fill="#326ce5"
        stroke="#fff"
        strokeWidth="1.5"
      />
      <path d="M10 16.5l4 4 8-9" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
};
