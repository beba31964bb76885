import type { DetectedDistribution } from '../types';
import type { SnapshotIndex } from './SnapshotIndex';
import { ANNOTATIONS_READ } from './nodeArgs';

const KUBEADM_APISERVER_ANNOTATION = ANNOTATIONS_READ[2];

type Signal = (index: SnapshotIndex) => string | undefined;

function nodeAnnotation(key: string): Signal {
  return index => {
    const node = index.nodes.find(n => n.metadata?.annotations?.[key]);
    return node ? `Node/${node.metadata?.name} annotation ${key}` : undefined;
  };
}

function gitVersion(fragment: string): Signal {
  return index => {
    const git = index.snapshot.serverVersion?.gitVersion ?? '';
    return git.includes(fragment)
      ? `serverVersion.gitVersion ${git}`
      : undefined;
  };
}

function providerID(prefix: string): Signal {
  return index => {
    const node = index.nodes.find(n =>
      (n.spec?.providerID ?? '').startsWith(prefix),
    );
    return node
      ? `Node/${node.metadata?.name} .spec.providerID ${node.spec?.providerID}`
      : undefined;
  };
}

function nodeLabelPrefix(prefix: string): Signal {
  return index => {
    for (const node of index.nodes) {
      const label = Object.keys(node.metadata?.labels ?? {}).find(l =>
        l.startsWith(prefix),
      );
      if (label) return `Node/${node.metadata?.name} label ${label}`;
    }
    return undefined;
  };
}

const openshiftDiscovery: Signal = index => {
  const gv = (index.snapshot.apiGroupVersions ?? []).find(g =>
    g.startsWith('config.openshift.io/'),
  );
  return gv ? `discovery serves ${gv}` : undefined;
};

/**
 * An object of `config.openshift.io` in the snapshot proves discovery serves that
 * group, also where the input has no discovery (typed lists, an Insights archive).
 */
const openshiftConfigObject: Signal = index => {
  for (const key of [
    'apiservers.config.openshift.io',
    'authentications.config.openshift.io',
  ]) {
    const obj = index.items(key)[0];
    if (obj) return `${obj.kind ?? key}/${obj.metadata?.name ?? '?'} (${key})`;
  }
  return undefined;
};

const openshiftNamespace: Signal = index => {
  const ns = 'openshift-kube-apiserver';
  if (index.items('namespaces').some(n => n.metadata?.name === ns)) {
    return `Namespace/${ns}`;
  }
  return index.podsByNamespace.has(ns) ? `pods in namespace ${ns}` : undefined;
};

const kubeadmConfig: Signal = index =>
  index
    .items('configmaps')
    .some(
      c =>
        c.metadata?.namespace === 'kube-system' &&
        c.metadata?.name === 'kubeadm-config',
    )
    ? 'ConfigMap/kube-system/kubeadm-config'
    : undefined;

const kubeadmMirrorPod: Signal = index => {
  const pod = index
    .mirrorPods('kube-apiserver')
    .find(p => p.metadata?.annotations?.[KUBEADM_APISERVER_ANNOTATION]);
  return pod
    ? `Pod/kube-system/${pod.metadata?.name} annotation ${KUBEADM_APISERVER_ANNOTATION}`
    : undefined;
};

/** Signals of a managed provider apply only when the control plane is managed. */
function whenManaged(...signals: Signal[]): Signal {
  return index => {
    if (index.controlPlane.mode !== 'managed') return undefined;
    for (const signal of signals) {
      const evidence = signal(index);
      if (evidence) return evidence;
    }
    return undefined;
  };
}

const RULES: ReadonlyArray<[DetectedDistribution['name'], Signal[]]> = [
  ['k3s', [gitVersion('+k3s'), nodeAnnotation('k3s.io/node-args')]],
  ['rke2', [gitVersion('+rke2'), nodeAnnotation('rke2.io/node-args')]],
  [
    'openshift',
    [openshiftDiscovery, openshiftConfigObject, openshiftNamespace],
  ],
  ['kind', [providerID('kind://')]],
  ['kubeadm', [kubeadmConfig, kubeadmMirrorPod]],
  [
    'eks',
    [
      whenManaged(
        gitVersion('-eks-'),
        providerID('aws://'),
        nodeLabelPrefix('eks.amazonaws.com/'),
      ),
    ],
  ],
  [
    'gke',
    [
      whenManaged(
        gitVersion('-gke.'),
        providerID('gce://'),
        nodeLabelPrefix('cloud.google.com/gke-'),
      ),
    ],
  ],
  [
    'aks',
    [
      whenManaged(
        providerID('azure://'),
        nodeLabelPrefix('kubernetes.azure.com/'),
      ),
    ],
  ],
];

/**
 * The distribution of checks.md v2 (Definitions: Distribution): the first of k3s,
 * RKE2, OpenShift, kind, kubeadm, EKS, GKE, AKS whose signals match, with the
 * evidence that decided it; `unknown` when none does.
 * @public
 */
export function detectDistribution(index: SnapshotIndex): DetectedDistribution {
  for (const [name, signals] of RULES) {
    const evidence = signals
      .map(signal => signal(index))
      .filter((e): e is string => e !== undefined);
    if (evidence.length) return { name, evidence };
  }
  return { name: 'unknown', evidence: [] };
}
