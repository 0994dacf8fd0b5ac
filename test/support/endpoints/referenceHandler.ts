// A webhook handler written for the endpoint check's tests: plain node:http, correct by default,
// with flaws that can be switched on one at a time to make a handler that breaks one practice.
import * as http from 'node:http';
import type { CustomProvider } from '../../../src/core';
import { deliveryIdOf, findProvider, headerMap, verifySignature } from '../../../src/core';

export type Flaw =
  /** Accepts every delivery without looking at its signature. */
  | 'no-signature-check'
  /** Verifies the HMAC over JSON.stringify(JSON.parse(body)) instead of the raw bytes. */
  | 'reserialised-json'
  /** Verifies the signature but not how old its timestamp is. */
  | 'no-timestamp-check'
  /** Answers 500 to a delivery id it has seen. */
  | 'error-on-duplicate'
  /** Processes a delivery id it has seen again (and still answers 2xx). */
  | 'processes-duplicates'
  /** Does 5 s of synchronous work before answering. */
  | 'slow-before-answer'
  /** Answers at once, then blocks its event loop with 3 s of synchronous work. */
  | 'blocks-after-answer'
  /** Lets JSON.parse throw: 500 on a body that is not JSON. */
  | 'error-on-bad-json'
  /** Treats the provider's verification request as an ordinary event. */
  | 'no-handshake'
  /** Answers 200 to any method but POST, as a catch-all route does. */
  | 'ok-to-other-methods'
  /** Reads any body, however large. */
  | 'no-size-limit'
  /** Checks only the first signature of a header that carries several. */
  | 'first-signature-only'
  /** A Discord interactions endpoint: answers the PING of type 1, and refuses Webhook Events' type 0. */
  | 'interactions-only';

export interface ReferenceHandlerConfig {
  provider: string;
  /** What the handler verifies with: the secret, or the public key for Discord and SendGrid. */
  secret: string;
  customProviders?: CustomProvider[];
  maxBodyBytes: number;
  flaws: Flaw[];
}

/** Blocks the whole process, as synchronous work does, without spending CPU. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function createReferenceHandler(config: ReferenceHandlerConfig): http.Server {
  const definition = findProvider(config.provider, config.customProviders);
  if (!definition) throw new Error(`unknown provider ${config.provider}`);
  const has = (flaw: Flaw) => config.flaws.includes(flaw);
  const seen = new Set<string>();
  let processed = 0;

  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/_processed') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(String(processed));
      return;
    }
    if (req.method !== 'POST') {
      if (has('ok-to-other-methods')) res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      else res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= config.maxBodyBytes || has('no-size-limit')) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > config.maxBodyBytes && !has('no-size-limit')) {
        res.writeHead(413).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const headers = headerMap(req.rawHeaders);
      const reply = (status: number, body?: string, contentType = 'application/json') => {
        if (body === undefined) res.writeHead(status).end();
        else res.writeHead(status, { 'content-type': contentType }).end(body);
      };
      if (!has('no-signature-check')) {
        let signed: Buffer = raw;
        if (has('reserialised-json')) {
          try {
            signed = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
          } catch {
            reply(400, '{"error":"bad json"}');
            return;
          }
        }
        const verdict = verifySignature(
          { method: req.method ?? 'POST', url, headers: has('first-signature-only') ? firstSignatureOnly(headers) : headers, body: signed },
          config.secret,
          {
            provider: definition.id,
            publicUrl: `http://${req.headers.host}${url}`,
            toleranceSeconds: has('no-timestamp-check') ? 1e9 : 300,
            customProviders: config.customProviders,
          },
        );
        if (verdict.status !== 'valid') {
          reply(401, JSON.stringify({ error: verdict.detail }));
          return;
        }
      }
      let payload: unknown;
      const form = /^application\/x-www-form-urlencoded/i.test(String(headers['content-type'] ?? ''));
      if (!form) {
        try {
          payload = JSON.parse(raw.toString('utf8'));
        } catch (error) {
          if (has('error-on-bad-json')) {
            reply(500, JSON.stringify({ error: String(error) }));
            return;
          }
          reply(400, '{"error":"body is not JSON"}');
          return;
        }
      }
      const record = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
      if (!has('no-handshake')) {
        if (definition.id === 'slack' && record.type === 'url_verification') {
          reply(200, String(record.challenge), 'text/plain');
          return;
        }
        if (definition.id === 'discord' && record.type === 0) {
          if (has('interactions-only')) reply(400, '{"error":"unknown interaction type"}');
          else reply(204);
          return;
        }
        if (definition.id === 'discord' && record.type === 1 && typeof record.token === 'string') {
          reply(200, '{"type":1}');
          return;
        }
      }
      const id = deliveryIdOf({ method: 'POST', url, headers, body: raw }, definition.id, config.customProviders);
      if (id !== undefined && seen.has(id)) {
        if (has('error-on-duplicate')) {
          reply(500, '{"error":"duplicate key value violates unique constraint"}');
          return;
        }
        if (!has('processes-duplicates')) {
          reply(definition.delivery.ackStatus, definition.delivery.ackStatus === 204 ? undefined : '{"received":true,"duplicate":true}');
          return;
        }
      }
      if (id !== undefined) seen.add(id);
      if (has('slow-before-answer')) blockFor(5000);
      reply(definition.delivery.ackStatus, definition.delivery.ackStatus === 204 ? undefined : '{"received":true}');
      setImmediate(() => {
        processed++;
        if (has('blocks-after-answer')) blockFor(3000);
      });
    });
  });
}

/** The headers with only the first of several signatures left (Standard Webhooks, Stripe, Paddle). */
function firstSignatureOnly(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const out = { ...headers };
  for (const name of ['webhook-signature', 'svix-signature']) {
    const value = out[name];
    if (typeof value === 'string') out[name] = value.split(' ')[0];
  }
  for (const [name, separator, key] of [['stripe-signature', ',', 'v1='], ['paddle-signature', ';', 'h1=']] as const) {
    const value = out[name];
    if (typeof value !== 'string') continue;
    let kept = false;
    out[name] = value.split(separator).filter((item) => {
      if (!item.trim().startsWith(key)) return true;
      if (kept) return false;
      kept = true;
      return true;
    }).join(separator);
  }
  return out;
}
