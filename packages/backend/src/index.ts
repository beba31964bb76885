/*
 * The portal backend: catalog, guest sign-in, permissions, the Kubernetes plugin and
 * Cluster Readiness. Everything runs in-process with SQLite in memory by default.
 */
import { createBackend } from '@backstage/backend-defaults';
import { clusterOwnershipPolicyModule } from './clusterOwnershipPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
// A policy that filters: users see their groups' clusters, admins every cluster.
backend.add(clusterOwnershipPolicyModule);

backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@cluster-readiness/backstage-plugin-backend'));

// Notifications to owning teams (the bell) and live page updates.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Readiness facts and checks for Tech Insights scorecards.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@cluster-readiness/backstage-plugin-backend-module-tech-insights'),
);

// Readiness as MCP tools for agents (POST /api/mcp-actions/v1).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
