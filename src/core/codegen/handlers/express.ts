import type { FrameworkTemplate } from './frameworkTemplate';
import { fileStem } from './identifiers';
import { RUN_WITH_SET_IMMEDIATE } from './schedule';
import { code, indent } from './sourceText';

export const expressTemplate: FrameworkTemplate = {
  displayName: 'Express',
  dependencies: ['express'],
  imports: () => ["import express from 'express';", "import type { Router } from 'express';"],
  fileName: (_spec, provider) => `${fileStem(provider)}.ts`,
  exportsInternals: true,
  usage: () =>
    'Start it with `app.listen(3000)`, or mount `createWebhookRouter()` in your own app with `app.use(...)` (before any `express.json()`).',
  adapter: ({ answersText }) => {
    const answer = [
      ...(answersText ? ['if (reception.text) res.status(reception.status).type(reception.text.contentType).send(reception.text.content);', 'else '] : ['']),
    ].join('\n');
    const respond = `${answer}if (reception.body === undefined) res.status(reception.status).end();\nelse res.status(reception.status).json(reception.body);`;
    return code`
      /**
       * The webhook route on its own Router. Mount it before any \`express.json()\`: the signature covers
       * the exact bytes, so this route must see the body raw.
       */
      export function createWebhookRouter(): Router {
        const router = express.Router();
        router.post(ROUTE_PATH, express.raw({ type: '*/*', limit: MAX_BODY_BYTES }), (req, res) => {
          const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
          if (hasBody && !Buffer.isBuffer(req.body)) {
            // A body parser that ran before this router (app.use(express.json()) mounted first) consumed the bytes.
            console.error('The webhook body was parsed before createWebhookRouter() saw it: mount the router before express.json().');
            res.status(500).json({ error: 'request body already parsed: the webhook route needs the raw bytes' });
            return;
          }
          const reception = receiveDelivery({
            method: req.method,
            url: req.originalUrl,
            rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
            header: (name) => req.get(name),
          });
${indent(respond, 10)}
          if (reception.work) runAfterResponse(reception.work);
        });
        return router;
      }

      export const app = express();
      app.use(createWebhookRouter());`;
  },
  runAfterResponse: () => RUN_WITH_SET_IMMEDIATE,
};
