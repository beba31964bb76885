import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ClusterOwnershipPolicy } from '@cluster-readiness/backstage-plugin-backend';

/**
 * The demo's permission policy: a signed-in user reads and refreshes the clusters
 * their groups own (`spec.owner`); the groups or users listed in
 * `permission.clusterReadiness.admins` see every cluster; everything else is allowed.
 */
export const clusterOwnershipPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'cluster-ownership-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new ClusterOwnershipPolicy({
            admins:
              config.getOptionalStringArray(
                'permission.clusterReadiness.admins',
              ) ?? [],
          }),
        );
      },
    });
  },
});
