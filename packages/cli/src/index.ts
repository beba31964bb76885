/**
 * The `cluster-readiness` command line (also `kubectl readiness`).
 *
 * @packageDocumentation
 */
import { main } from './main';

main(process.argv).then(code => {
  process.exitCode = code;
});
