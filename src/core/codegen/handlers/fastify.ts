import type { FrameworkTemplate } from './frameworkTemplate';
import { fileStem } from './identifiers';
import { RUN_WITH_SET_IMMEDIATE } from './schedule';
import { code } from './sourceText';

export const fastifyTemplate: FrameworkTemplate = {
  displayName: 'Fastify',
  dependencies: ['fastify'],
  imports: () => ["import Fastify from 'fastify';", "import type { FastifyInstance, FastifyServerOptions } from 'fastify';"],
  fileName: (_spec, provider) => `${fileStem(provider)}.ts`,
  exportsInternals: true,
  usage: () =>
    'Start it with `await buildServer().listen({ port: 3000 })`, or `fastify.register(webhookPlugin)` in your own server.',
  adapter: ({ answersText }) => code`
    /**
     * The webhook route as a plugin. Registered without fastify-plugin it is encapsulated, so the
     * raw-body parser below applies to this route only and JSON parsing elsewhere is untouched.
     */
    export async function webhookPlugin(fastify: FastifyInstance): Promise<void> {
      // The signature covers the exact bytes: keep every body a Buffer instead of parsing it.
      fastify.removeAllContentTypeParsers();
      fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      fastify.post(ROUTE_PATH, { bodyLimit: MAX_BODY_BYTES }, async (request, reply) => {
        const reception = receiveDelivery({
          method: request.method,
          url: request.url,
          rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          header: (name) => firstHeader(request.headers[name.toLowerCase()]),
        });
        ${answersText ? `if (reception.text) reply.type(reception.text.contentType);\n        ` : ''}reply.code(reception.status).send(${answersText ? 'reception.text?.content ?? reception.body' : 'reception.body'});
        if (reception.work) runAfterResponse(reception.work);
        return reply;
      });
    }

    export function buildServer(options: FastifyServerOptions = {}): FastifyInstance {
      const server = Fastify(options);
      void server.register(webhookPlugin);
      return server;
    }`,
  runAfterResponse: () => RUN_WITH_SET_IMMEDIATE,
};
