import {
  forbidden,
  namespace,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  excludingNamespaces,
  mutatingWebhookConfiguration,
  validatingWebhookConfiguration,
  WebhookOptions,
} from '../../__testUtils__/accessFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'access.admission-webhooks';
const VWC = 'validatingwebhookconfigurations.admissionregistration.k8s.io';
const MWC = 'mutatingwebhookconfigurations.admissionregistration.k8s.io';

function withValidating(
  webhooks: WebhookOptions[],
  extra: Record<string, KubeObject[]> = {},
) {
  return snapshot({
    [VWC]: [validatingWebhookConfiguration('policy', webhooks)],
    [MWC]: [],
    ...extra,
  });
}

const SAFE: WebhookOptions = {
  namespaceSelector: excludingNamespaces('kube-system'),
};

describe(ID, () => {
  it('passes when there are no webhooks', () => {
    const r = resultOf(ID, snapshot({ [VWC]: [], [MWC]: [] }));
    expect(r.status).toBe('pass');
    expect(r.message).toBe('No admission webhooks are configured.');
  });

  it('warns on a fail-closed webhook that intercepts kube-system (API server defaults)', () => {
    const r = resultOf(ID, withValidating([{}]));
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      'ValidatingWebhookConfiguration/policy webhook validate-0.policy.example.com fails closed and intercepts kube-system',
    );
    expect(r.evidence).toEqual([
      'ValidatingWebhookConfiguration/policy .webhooks[0].namespaceSelector',
    ]);
  });

  it('applies the v1 default failurePolicy Fail when it is absent', () => {
    expect(
      resultOf(
        ID,
        withValidating([{ failurePolicy: null, namespaceSelector: null }]),
      ).status,
    ).toBe('warn');
    expect(
      resultOf(ID, withValidating([{ failurePolicy: null, ...SAFE }])).status,
    ).toBe('pass');
  });

  it('passes a fail-closed webhook whose namespaceSelector excludes kube-system', () => {
    const r = resultOf(ID, withValidating([SAFE]));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('1 admission webhook');
    expect(r.evidence).toEqual(['ValidatingWebhookConfiguration/policy']);
  });

  it('passes a webhook that fails open', () => {
    expect(
      resultOf(ID, withValidating([{ failurePolicy: 'Ignore' }])).status,
    ).toBe('pass');
  });

  it('passes timeoutSeconds 15', () => {
    expect(
      resultOf(ID, withValidating([{ ...SAFE, timeoutSeconds: 15 }])).status,
    ).toBe('pass');
  });

  it('warns on timeoutSeconds 16', () => {
    const r = resultOf(ID, withValidating([{ ...SAFE, timeoutSeconds: 16 }]));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('waits up to 16 s');
    expect(r.evidence).toEqual([
      'ValidatingWebhookConfiguration/policy .webhooks[0].timeoutSeconds',
    ]);
  });

  it('applies the default timeout of 10 s when timeoutSeconds is absent', () => {
    expect(
      resultOf(ID, withValidating([{ ...SAFE, timeoutSeconds: null }])).status,
    ).toBe('pass');
  });

  it('counts opt-in selectors that kube-system does not satisfy as excluding it', () => {
    const optIn = {
      namespaceSelector: {
        matchLabels: { 'policy.example.com/enabled': 'true' },
      },
    };
    const teams = {
      namespaceSelector: {
        matchExpressions: [
          {
            key: 'kubernetes.io/metadata.name',
            operator: 'In',
            values: ['team-a', 'team-b'],
          },
        ],
      },
    };
    expect(resultOf(ID, withValidating([optIn, teams])).status).toBe('pass');
  });

  it('evaluates the selector against the real labels of kube-system when namespaces were read', () => {
    const ignoreLabel = {
      namespaceSelector: {
        matchExpressions: [
          { key: 'admission.gatekeeper.sh/ignore', operator: 'DoesNotExist' },
        ],
      },
    };
    const labelled = [
      namespace('kube-system', {
        'admission.gatekeeper.sh/ignore': 'no-self-managing',
      }),
    ];
    expect(
      resultOf(ID, withValidating([ignoreLabel], { namespaces: labelled }))
        .status,
    ).toBe('pass');
    expect(
      resultOf(
        ID,
        withValidating([ignoreLabel], {
          namespaces: [namespace('kube-system')],
        }),
      ).status,
    ).toBe('warn');
    // Without namespaces only the automatic name label is known: kube-system is not excluded.
    expect(resultOf(ID, withValidating([ignoreLabel])).status).toBe('warn');
  });

  it('does not count an objectSelector as excluding kube-system', () => {
    const r = resultOf(
      ID,
      withValidating([
        {
          objectSelector: {
            matchLabels: { 'app.kubernetes.io/managed-by': 'team-a' },
          },
        },
      ]),
    );
    expect(r.status).toBe('warn');
  });

  it('checks mutating webhooks too and reports every finding', () => {
    const r = resultOf(
      ID,
      snapshot({
        [VWC]: [validatingWebhookConfiguration('policy', [SAFE])],
        [MWC]: [
          mutatingWebhookConfiguration('sidecar-injector', [
            {},
            { failurePolicy: 'Ignore', timeoutSeconds: 30 },
          ]),
        ],
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('(2 findings)');
    expect(r.evidence).toEqual([
      'MutatingWebhookConfiguration/sidecar-injector .webhooks[0].namespaceSelector',
      'MutatingWebhookConfiguration/sidecar-injector .webhooks[1].timeoutSeconds',
    ]);
  });

  it('warns on what it can read when the other list is denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        [VWC]: forbidden(VWC),
        [MWC]: [mutatingWebhookConfiguration('sidecar-injector')],
      }),
    );
    expect(r.status).toBe('warn');
  });

  it('is unknown when a list is denied and the rest is clean', () => {
    const r = resultOf(
      ID,
      snapshot({
        [VWC]: [validatingWebhookConfiguration('policy', [SAFE])],
        [MWC]: forbidden(MWC),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([`list ${MWC}`]);
  });
});
