import { forbidden, resultOf, snapshot } from '../../__testUtils__/factories';
import {
  apiService,
  metricsApiService,
} from '../../__testUtils__/nodeFactories';

const ID = 'nodes.metrics-api';
const KEY = 'apiservices.apiregistration.k8s.io';

describe(ID, () => {
  it('passes when the metrics APIService is Available', () => {
    const r = resultOf(ID, snapshot({ [KEY]: [metricsApiService('True')] }));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('kube-system/metrics-server');
    expect(r.evidence).toEqual([
      'APIService/v1beta1.metrics.k8s.io .status.conditions[Available] True (Passed)',
    ]);
  });

  it.each(['False', 'Unknown'] as const)(
    'fails when Available is %s',
    status => {
      const r = resultOf(ID, snapshot({ [KEY]: [metricsApiService(status)] }));
      expect(r.status).toBe('fail');
      expect(r.message).toContain(
        `Available is ${status} (FailedDiscoveryCheck)`,
      );
    },
  );

  it('fails when the APIService has no Available condition yet', () => {
    const r = resultOf(ID, snapshot({ [KEY]: [metricsApiService()] }));
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual([
      'APIService/v1beta1.metrics.k8s.io .status.conditions[Available] missing',
    ]);
  });

  it('warns when the metrics APIService is absent', () => {
    const r = resultOf(
      ID,
      snapshot({
        [KEY]: [
          apiService('v1beta1.custom.metrics.k8s.io', { available: 'True' }),
        ],
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('install metrics-server');
  });

  it('is unknown when APIServices cannot be listed', () => {
    const r = resultOf(ID, snapshot({ [KEY]: forbidden(KEY) }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list apiservices.apiregistration.k8s.io']);
  });
});
