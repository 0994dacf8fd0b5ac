import type { FrameworkTemplate } from './frameworkTemplate';
import { fileStem } from './identifiers';
import { RUN_WITH_SET_IMMEDIATE } from './schedule';
import { code } from './sourceText';

export const expressTemplate: FrameworkTemplate = {
  displayName: 'Express',
  dependencies: ['express'],
  imports: () => ["import express from 'express';", "import type { Router } from 'express';"],
  fileName: (_spec, provider) => `${fileStem(provider)}.ts`,
  exportsInternals: true,
  usage: () =>
    'Start it with `app.listen(3000)`, or mount `createWebhookRouter()` in your own app with `app.use(...)`.',
  adapter: () => code`
    /**
     * The webhook route on its own Router. Mount it before any \`express.json()\`: the signature covers
     * the exact bytes, so this route must see the body raw.
     */
    export function createWebhookRouter(): Router {
      const router = express.Router();
      router.post(ROUTE_PATH, express.raw({ type: '*/*', limit: MAX_BODY_BYTES }), (req, res) => {
        const reception = receiveDelivery({
          method: req.method,
          url: req.originalUrl,
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          header: (name) => req.get(name),
        });
        if (reception.body === undefined) res.status(reception.status).end();
        else res.status(reception.status).json(reception.body);
        if (reception.work) runAfterResponse(reception.work);
      });
      return router;
    }

    export const app = express();
    app.use(createWebhookRouter());`,
  runAfterResponse: () => RUN_WITH_SET_IMMEDIATE,
};
