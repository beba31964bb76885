import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  checkMetadata,
  ReadinessCheck,
} from '@cluster-readiness/backstage-plugin-common';
import express from 'express';
import Router from 'express-promise-router';

/** @public */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  checks: readonly ReadinessCheck[];
}

/**
 * The REST API under `/api/cluster-readiness`. Every route but `/health` needs
 * Backstage credentials (user or service).
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, checks } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/checks', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: checks.map(checkMetadata) });
  });

  return router;
}
