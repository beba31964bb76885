import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

const SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock auth service, except that a plugin's request on behalf of a user arrives
 * as that user with the calling plugin as actor — as real Backstage tokens do. The
 * real permission backend only gives conditional decisions to such requests (a user
 * calling it directly gets a 400), so without this no test could reach that path.
 */
export const oboAuthServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: async (token, options) => {
        if (token.startsWith(SERVICE_TOKEN_PREFIX)) {
          const { obo, target } = JSON.parse(
            token.slice(SERVICE_TOKEN_PREFIX.length),
          ) as {
            obo?: string;
            target?: string;
          };
          if (obo && target === plugin.getId()) {
            return mockCredentials.user(obo, {
              actor: { subject: 'plugin:on-behalf-of-user' },
            });
          }
        }
        return inner.authenticate(token, options);
      },
      getNoneCredentials: () => inner.getNoneCredentials(),
      getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
      isPrincipal: inner.isPrincipal.bind(inner) as typeof inner.isPrincipal,
      getPluginRequestToken: options => inner.getPluginRequestToken(options),
      getLimitedUserToken: credentials =>
        inner.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => inner.listPublicServiceKeys(),
    };
  },
});
