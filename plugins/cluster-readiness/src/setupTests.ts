import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// A busy machine renders slowly: findBy*/waitFor wait up to 15 s (default 1 s) and a
// test up to 60 s (default 5 s). These are hang guards; no test depends on speed.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
