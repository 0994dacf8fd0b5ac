import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CaptureSummary, IncomingDelivery } from '../capture';
import { routeOf } from '../capture';
import type { DeliveryDescriber } from '../labels/labelDelivery';
import { labelDelivery } from '../labels/labelDelivery';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { answerClientError, RefusalWarnings } from './clientErrors';
import { answerHandshake, detectHandshake } from './handshakes/detectHandshake';
import type { HandshakeOptions } from './handshakes/verificationHandshake';
import type { ResponseRule, ResponseRuleMatcher } from './responseRules';
import { compileResponseRules } from './responseRules';
import type { ResponseSpec } from './responseSpec';
import { normaliseResponse } from './responseSpec';

/** Where captured deliveries go; the capture store is one. */
export interface CaptureSink {
  append(delivery: IncomingDelivery): Promise<CaptureSummary>;
  /** append() with a callback, used instead when present: no promise per delivery on the request path. */
  appendThen?(delivery: IncomingDelivery, done: (error: Error | undefined, summary: CaptureSummary | undefined) => void): void;
  /** Records the status actually sent when a responder decided it after the append. */
  recordAnswer?(id: string, status: number): Promise<void>;
}

export interface ReceiverOptions {
  host: string;
  /** 0 picks any free port. */
  port: number;
  maxBodyBytes: number;
  /** The answer when nothing below decides otherwise. */
  response: ResponseSpec;
  /** Per-route answers; the first that matches wins. */
  rules?: ResponseRule[];
  /** Provider verification requests answered automatically; on when absent. */
  handshakes?: HandshakeOptions;
  /**
   * Decides the answer once the capture is stored (after handshakes, before rules): a spec answers
   * with it, undefined falls through to the rules. A failure is logged and falls through too.
   * The capture's recorded responseStatus is the rule or default one, known before it ran.
   */
  responder?: (delivery: IncomingDelivery, summary: CaptureSummary) => Promise<ResponseSpec | undefined>;
  /** Labels each delivery (provider, event, delivery id) before it is stored; describeDelivery when absent. */
  describe?: DeliveryDescriber;
  /**
   * Hears of each delivery once it is stored (and its answer is on its way), with the body still in
   * memory: for work that would otherwise read it back from disk. Keep it short, it runs on the
   * request path; a failure is logged.
   */
  onCaptured?: (delivery: IncomingDelivery, summary: CaptureSummary) => void;
  /** A client that has not sent its headers by then is cut off. */
  headersTimeoutMs?: number;
  /** A client that has not sent its whole request by then is cut off. */
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
}

export interface ListenerAddress {
  host: string;
  port: number;
  url: string;
}

/** How long a connection that sent too much may keep sending after its 413, so it can read the answer. */
const LINGER_AFTER_413_MS = 2_000;
const HANDSHAKES_ON: HandshakeOptions = { enabled: true };

/**
 * The HTTP endpoint senders post to. Every request, whatever its method or path, is read byte-exact,
 * handed to the sink, and answered only once the sink has it on disk.
 */
export class WebhookReceiver {
  private server: http.Server | undefined;
  private options: ReceiverOptions;
  private readonly timers = new Set<NodeJS.Timeout>();
  private listening: ListenerAddress | undefined;
  private ruleFor: ResponseRuleMatcher | undefined;
  private readonly refusals: RefusalWarnings;

  constructor(
    private readonly sink: CaptureSink,
    options: ReceiverOptions,
    private readonly logger: Logger = silentLogger,
  ) {
    this.options = { ...options, response: normaliseResponse(options.response) };
    this.ruleFor = compileResponseRules(this.options.rules ?? []);
    this.refusals = new RefusalWarnings(logger);
  }

  get address(): ListenerAddress | undefined {
    return this.listening;
  }

  /** Applies new options; host and port take effect at the next listen(). */
  updateOptions(options: Partial<ReceiverOptions>): void {
    this.options = { ...this.options, ...options, response: normaliseResponse(options.response ?? this.options.response) };
    if ('rules' in options) this.ruleFor = compileResponseRules(this.options.rules ?? []);
  }

  /** Starts listening; rejects with the socket error (code EADDRINUSE, EACCES, …) when it cannot. */
  async listen(): Promise<ListenerAddress> {
    if (this.listening) return this.listening;
    const headersTimeout = this.options.headersTimeoutMs ?? 10_000;
    const requestTimeout = Math.max(headersTimeout, this.options.requestTimeoutMs ?? 60_000);
    const server = http.createServer({
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 5_000,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 2))),
    });
    // Every header is kept, however many: their total size is what Node's parser limits (maxHeaderSize,
    // 16 KiB by default). Left unset, Node 20 silently drops every header after the first 1,023 pairs
    // and Node 24 refuses such a request outright.
    server.maxHeadersCount = 0;
    server.on('request', (req, res) => this.handle(req, res));
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket, this.refusals, this.logger));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.logger.error(error));
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const host = this.options.host;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    this.listening = { host, port, url: `http://${urlHost}:${port}` };
    this.logger.info(`Listening for webhooks on ${this.listening.url}`);
    return this.listening;
  }

  /** Stops accepting, lets requests under way finish briefly, then ends every connection. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.listening = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 500);
    await closed;
    clearTimeout(force);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.logger.info('Webhook listener stopped.');
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const receivedAt = Date.now();
    const started = performance.now();
    const limit = this.options.maxBodyBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let done = false;

    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const delivery: IncomingDelivery = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        httpVersion: req.httpVersion,
        rawHeaders: req.rawHeaders,
        remoteAddress: req.socket.remoteAddress ?? '',
        receivedAt,
        readMs: Math.round((performance.now() - started) * 100) / 100,
        truncated: truncated || aborted,
        responseStatus: aborted ? 0 : 413,
        body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size),
      };
      if (aborted) this.capture(delivery, res);
      else if (truncated) this.capture(delivery, res, () => this.answerTooLarge(req, res));
      else this.captureAndAnswer(delivery, res);
    };

    req.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size));
        size = limit;
        truncated = true;
        finish(false);
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => finish(false));
    // The sender went away mid-body: keep what arrived, marked truncated and unanswered.
    req.on('close', () => {
      if (!req.complete) finish(true);
    });
  }

  /** Labels and appends the delivery, then `answer`s (no answer: the sender went away); a store failure is answered 503. */
  private capture(delivery: IncomingDelivery, res: http.ServerResponse, answer?: (summary: CaptureSummary) => void): void {
    labelDelivery(delivery, this.options.describe);
    const stored = (error: Error | undefined, summary: CaptureSummary | undefined) => {
      if (!error) {
        answer?.(summary!);
        this.captured(delivery, summary!);
        return;
      }
      this.logger.error(`A delivery to ${delivery.url} could not be stored: ${error.message}`);
      if (answer && !res.headersSent) res.writeHead(503, { 'content-type': 'text/plain' }).end('The capture could not be stored.\n');
    };
    if (this.sink.appendThen) this.sink.appendThen(delivery, stored);
    else this.sink.append(delivery).then((summary) => stored(undefined, summary), (error: Error) => stored(error, undefined));
  }

  private captured(delivery: IncomingDelivery, summary: CaptureSummary): void {
    const onCaptured = this.options.onCaptured;
    if (!onCaptured) return;
    try {
      onCaptured(delivery, summary);
    } catch (error) {
      this.logger.error(`Could not note capture ${summary.id}: ${messageOf(error)}`);
    }
  }

  /** Handshake, else responder, else the first matching rule, else the default response. */
  private captureAndAnswer(delivery: IncomingDelivery, res: http.ServerResponse): void {
    const handshakes = this.options.handshakes ?? HANDSHAKES_ON;
    const handshake = detectHandshake(delivery);
    if (handshake) {
      delivery.handshake = handshake.kind;
      if (handshakes.enabled) {
        // The answer is known before the append, so the journal records the status actually sent.
        void answerHandshake(handshake, handshakes, this.logger)
          .catch((error: unknown) => {
            this.logger.error(`Could not answer the ${handshake.kind} handshake: ${messageOf(error)}`);
            return this.options.response;
          })
          .then((spec) => {
            delivery.responseStatus = spec.status;
            this.capture(delivery, res, () => this.answer(res, spec));
          });
        return;
      }
    }
    const fallback = (this.ruleFor && this.ruleFor(delivery.method, routeOf(delivery.url))) ?? this.options.response;
    // With a responder the sender may get another status: it is recorded before the answer goes out.
    delivery.responseStatus = fallback.status;
    const responder = this.options.responder;
    if (!responder) {
      this.capture(delivery, res, () => this.answer(res, fallback));
      return;
    }
    this.capture(delivery, res, (summary) => {
      Promise.resolve()
        .then(() => responder(delivery, summary))
        .then((spec) => (spec ? normaliseResponse(spec) : fallback))
        .catch((error: unknown) => {
          this.logger.error(`The responder failed for capture ${summary.id}; answered by the rules or the default response instead: ${messageOf(error)}`);
          return fallback;
        })
        .then(async (spec) => {
          if (spec.status !== fallback.status && this.sink.recordAnswer) {
            await this.sink.recordAnswer(summary.id, spec.status).catch((error: unknown) => this.logger.error(`Could not record the answer to ${summary.id}: ${messageOf(error)}`));
          }
          this.answer(res, spec);
        })
        .catch((error: unknown) => {
          // Nothing above should throw, but an answer that cannot be sent must not leave the sender hanging.
          this.logger.error(`Could not answer capture ${summary.id}: ${messageOf(error)}`);
          res.destroy();
        });
    });
  }

  private answer(res: http.ServerResponse, spec: ResponseSpec): void {
    const { status, headers, body, delayMs } = spec;
    const send = () => {
      if (res.destroyed) return;
      try {
        res.writeHead(status, headers).end(body);
      } catch (error) {
        // Node refuses some header values normaliseResponse lets through (control characters).
        this.logger.error(`Could not send the configured answer: ${messageOf(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('The configured answer could not be sent.\n');
      }
    };
    if (delayMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, delayMs);
    this.timers.add(timer);
  }

  private answerTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
    const message = JSON.stringify({ error: 'Payload Too Large', limitBytes: this.options.maxBodyBytes });
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(message);
    // Discard (not store) the rest for a moment, so the sender reads the 413 instead of a reset.
    req.resume();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      req.socket.destroy();
    }, LINGER_AFTER_413_MS);
    this.timers.add(timer);
    req.socket.once('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
