import { HumanDuration } from '@backstage/types';

/** Options that tune the checks for one cluster (or all, under `defaults`). */
interface ClusterOptions {
  /** Namespaces treated as system namespaces besides kube-system, kube-public and kube-node-lease. */
  extraSystemNamespaces?: string[];
  /** Ready, schedulable workers needed to pass nodes.worker-count (default 3). */
  minWorkerNodes?: number;
  /** cluster-admin subjects above which access.cluster-admin-bindings warns (default 3). */
  clusterAdminSubjectLimit?: number;
  /** Overrides detection: a provider-managed or a self-hosted control plane. */
  controlPlane?: 'managed' | 'self-hosted';
}

export interface Config {
  /** Cluster Readiness: production-readiness reports for every Kubernetes cluster. */
  clusterReadiness?: {
    /**
     * How often clusters are re-read and re-evaluated. Default: every 30 minutes, first after 15 seconds.
     * Every replica on the database shares the work; each cluster is refreshed once per `frequency`, by one replica.
     */
    schedule?: {
      /** Each cluster is refreshed once per this interval. Default 30 minutes. */
      frequency?: HumanDuration;
      /** Timeout of one replica's look for due clusters and their refreshes. Default 10 minutes. */
      timeout?: HumanDuration;
      /** Wait after start before the first look. Default 15 seconds. */
      initialDelay?: HumanDuration;
      /** How often each replica looks for due clusters. Default: a tenth of `frequency`, from 1 second to 1 minute. */
      tick?: HumanDuration;
    };
    /** Clusters read at the same time. Default 4. */
    concurrency?: number;
    /** Evaluating snapshots off the main thread. */
    evaluation?: {
      /** Worker threads that evaluate at once. Default: the cores available to the process. */
      workers?: number;
    };
    /** Reading one live cluster. */
    collection?: {
      /** Per-request timeout in milliseconds. Default 15000. */
      requestTimeoutMs?: number;
      /** Deadline for reading one whole cluster, in milliseconds. Default 120000. */
      deadlineMs?: number;
      /** Lists in flight per cluster. Default 4. */
      concurrency?: number;
      /** Items per list page (limit). Default 500. */
      pageSize?: number;
    };
    /** Read the clusters configured for @backstage/plugin-kubernetes-backend. Default true. */
    kubernetesBackend?: {
      enabled?: boolean;
    };
    /** History and drift older than this many days are deleted. Default 90. */
    historyRetentionDays?: number;
    /** POST /snapshots */
    push?: {
      /** Largest accepted snapshot body in bytes. Default 52428800 (50 MB). */
      maxBytes?: number;
      /**
       * Clusters read live or from a snapshot file whose report a push may still
       * replace. A push for any other such cluster gets 409 naming the owning source.
       */
      allowClusters?: string[];
    };
    /** Snapshot files evaluated on every refresh (air-gapped clusters, demos). */
    snapshots?: Array<{
      /** Cluster name. */
      cluster: string;
      /** Path to a ClusterSnapshot, kubectl output (JSON or YAML), a directory of it (kubectl cluster-info dump) or a support bundle .tar.gz, relative to the backend's working directory (docs/snapshot.md). */
      path: string;
    }>;
    /** Options for every cluster. */
    defaults?: ClusterOptions;
    /** Options per cluster name, over `defaults`. */
    clusters?: { [clusterName: string]: ClusterOptions };
    /** Notifications to a cluster's owning group (needs the notifications backend). */
    notifications?: {
      /** Default false. */
      enabled?: boolean;
      /** Which changes to announce. Default all three. */
      events?: Array<'grade-lowered' | 'check-failing' | 'waiver-expiring'>;
      /** Newly failing checks and expiring waivers of at least this severity. Default critical. */
      minSeverity?: 'critical' | 'high' | 'medium' | 'low';
      /** Announce waivers (on failing checks) that lapse within this many days. Default 14. */
      waiverExpiryDays?: number;
    };
    /** Accepted findings. */
    waivers?: Array<{
      check: string;
      cluster?: string;
      reason: string;
      owner: string;
      /** ISO date (2027-01-31) or date-time. */
      expires: string;
    }>;
  };
}
