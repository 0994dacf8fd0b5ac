import type { DeliveryIdRule, FormPayload } from '../../providers/providerDefinition';
import { ID_TEXT_HELPER } from './deliveryIdCode';
import { eventNameExpression } from './dispatch';
import type { HandlerProvider } from './handlerProvider';
import type { HandlerSpec } from './handlerSpec';
import { quote } from './identifiers';
import { code, docComment, indent, wrap } from './sourceText';

/** The `Delivery` and `Reception` shapes every adapter speaks. */
export function deliveryTypesSection(exported: boolean, answersText: boolean): string {
  const ex = exported ? 'export ' : '';
  const text = answersText
    ? '\n      /** A document to answer with instead of JSON (Twilio wants TwiML). */\n      text?: { contentType: string; content: string };'
    : '';
  return code`
    /** One request as it arrived: the exact bytes, which the signature covers, and its headers. */
    ${ex}interface Delivery {
      method: string;
      /** Path and query as received. */
      url: string;
      rawBody: Buffer;
      header(name: string): string | undefined;
    }

    /** The answer to send now, and the work to run once it has been sent. */
    ${ex}interface Reception {
      status: 200 | 204 | 400 | 401 | 500;
      body?: Record<string, unknown>;${text}
      work?: () => Promise<void>;
    }`;
}

/** Whether the provider answers some deliveries with a document rather than JSON (Twilio's TwiML). */
export function answersText(provider: HandlerProvider): boolean {
  return provider.payloadFormat.form?.answer.kind === 'text';
}

/** The provider's delivery-id rule, unless the spec overrides it. */
export function resolveDeliveryId(spec: HandlerSpec, provider: HandlerProvider): DeliveryIdRule {
  const override = spec.deliveryId;
  if (!override) return provider.deliveryId;
  if (override.kind === 'header') return { kind: 'header', headers: [override.header.toLowerCase()] };
  if (override.kind === 'field') return { kind: 'field', fields: [override.field] };
  return { kind: 'none', reason: 'Duplicate deliveries are not detected: no delivery id was configured.' };
}

export function hasDedupe(spec: HandlerSpec, provider: HandlerProvider): boolean {
  return resolveDeliveryId(spec, provider).kind !== 'none';
}

/** `receiveDelivery`: verify, parse, claim the delivery id, and hand back the answer and the work. */
export function receiveSection(spec: HandlerSpec, provider: HandlerProvider, exported: boolean): string {
  const fragment = provider.typescript;
  const form = provider.payloadFormat.form;
  const parts: string[] = [];
  parts.push(code`
    const secret = process.env[SECRET_ENV_VAR];
    if (!secret) {
      console.error(\`\${SECRET_ENV_VAR} is not set: refusing webhook deliveries until it is.\`);
      return { status: 500, body: { error: 'webhook secret not configured' } };
    }`);
  if (fragment.helpers.includes('publicUrl')) {
    parts.push(code`
      if (!process.env[PUBLIC_ORIGIN_ENV_VAR]) {
        console.error(\`\${PUBLIC_ORIGIN_ENV_VAR} is not set: the signed URL cannot be rebuilt.\`);
        return { status: 500, body: { error: 'public URL not configured' } };
      }`);
  }
  parts.push(code`
    if (!verifySignature(delivery, secret)) {
      return { status: 401, body: { error: 'invalid signature' } };
    }`);
  if (form) {
    parts.push(code`
      const parsed = parsePayload(delivery);
      if (typeof parsed === 'string') return { status: 400, body: { error: parsed } };
      const { ${provider.typescript.acceptedAnswer !== undefined || form.answer.kind !== 'json' ? 'payload, form' : 'payload'} } = parsed;`);
  } else {
    parts.push(code`
      let payload: unknown;
      try {
        payload = JSON.parse(delivery.rawBody.toString('utf8'));
      } catch {
        return { status: 400, body: { error: 'body is not valid JSON' } };
      }
      if (typeof payload !== 'object' || payload === null) {
        return { status: 400, body: { error: 'body is not a JSON object or array' } };
      }`);
  }
  if (fragment.afterParse) parts.push(fragment.afterParse);

  const { accepted, duplicate } = answers(provider);
  const id = resolveDeliveryId(spec, provider);
  if (id.kind === 'none') {
    parts.push(wrap(id.reason, 96).map((line) => `// ${line}`).join('\n'));
  } else {
    parts.push(code`
      const deliveryId = deliveryIdOf(delivery, payload);
      const claim = deliveryId === undefined ? undefined : deliveries.begin(deliveryId);
      if (deliveryId !== undefined && claim === undefined) {
        return ${duplicate};
      }`);
  }
  const eventName = eventNameExpression(spec);
  if (eventName !== undefined) parts.push(`const eventName = ${eventName};`);
  const call = eventName === undefined ? 'dispatch(payload)' : 'dispatch(payload, eventName)';
  parts.push(`const work = () => ${id.kind === 'none' ? call : `processOnce(claim, () => ${call})`};`);
  parts.push(accepted.startsWith('{') ? `return ${accepted.slice(0, -2)}, work };` : `return { ...${accepted}, work };`);
  const unknownNote = provider.known ? '' : ' (always, until verifySignature is written)';
  const doc = docComment(
    `Decides the answer to one delivery: 401 unless the signature verifies${unknownNote}, 400 unless the body parses, a plain 2xx for a delivery already processed or being processed, and otherwise a 2xx plus the work to run.`,
  );
  return `${doc}\n${exported ? 'export ' : ''}function receiveDelivery(delivery: Delivery): Reception {\n${indent(parts.join('\n'), 2)}\n}`;
}

/** The expressions of the answer to an accepted delivery and to one already processed. */
function answers(provider: HandlerProvider): { accepted: string; duplicate: string } {
  if (provider.typescript.acceptedAnswer) {
    const call = `acceptedAnswer(payload, ${provider.payloadFormat.form ? 'form' : 'false'})`;
    return { accepted: call, duplicate: call };
  }
  const json = provider.ackStatus === 204
    ? { accepted: '{ status: 204 }', duplicate: '{ status: 204 }' }
    : { accepted: '{ status: 200, body: { received: true } }', duplicate: '{ status: 200, body: { received: true, duplicate: true } }' };
  const form = provider.payloadFormat.form;
  if (!form || form.answer.kind === 'json') return json;
  const formAnswer = form.answer.kind === 'empty' ? '{ status: 200 }' : 'FORM_ANSWER';
  return { accepted: `(form ? ${formAnswer} : ${json.accepted})`, duplicate: `form ? ${formAnswer} : ${json.duplicate}` };
}

/** `FORM_ANSWER`, the document a form delivery is answered with, when the provider wants one. */
export function formAnswerConstant(form: FormPayload | null): string | undefined {
  if (form?.answer.kind !== 'text') return undefined;
  return [
    docComment(form.answer.note),
    'const FORM_ANSWER: Reception = {',
    '  status: 200,',
    `  text: { contentType: ${quote(form.answer.contentType)}, content: ${quote(form.answer.body)} },`,
    '};',
  ].join('\n');
}

/**
 * `parsePayload` for providers that post forms as well as JSON: the Content-Type tells them apart;
 * a form's payload is the JSON in its payload field or its own fields, as the provider sends it.
 */
export function parsePayloadSection(form: FormPayload): string {
  const formPayload: string[] = [];
  if (form.jsonField !== null) {
    formPayload.push(
      `const embedded = fields.get(${quote(form.jsonField)});`,
      'if (embedded !== null) {',
      '  const payload = parseJsonObject(embedded);',
      `  return payload ? { payload, form: true } : ${quote(`the ${form.jsonField} field of the form is not a JSON object or array`)};`,
      '}',
    );
  }
  formPayload.push(
    form.fields
      ? 'return { payload: Object.fromEntries(fields), form: true };'
      : `return ${quote(`a form delivery must carry the payload in its ${form.jsonField ?? 'payload'} field`)};`,
  );
  const doc = docComment(
    `The payload of a delivery: JSON, or for a form (application/x-www-form-urlencoded) ${form.jsonField !== null ? `the JSON in its ${form.jsonField} field${form.fields ? ', else its fields' : ''}` : 'its fields, every value a string'}. A string says why the body does not parse.`,
  );
  return [
    doc,
    'function parsePayload(delivery: Delivery): { payload: object; form: boolean } | string {',
    '  const text = delivery.rawBody.toString(\'utf8\');',
    '  if ((delivery.header(\'content-type\') ?? \'\').toLowerCase().startsWith(\'application/x-www-form-urlencoded\')) {',
    '    const fields = new URLSearchParams(text);',
    indent(formPayload.join('\n'), 4),
    '  }',
    '  const payload = parseJsonObject(text);',
    '  return payload ? { payload, form: false } : \'body is not a JSON object or array\';',
    '}',
    '',
    code`
      function parseJsonObject(text: string): object | undefined {
        try {
          const payload: unknown = JSON.parse(text);
          return typeof payload === 'object' && payload !== null ? payload : undefined;
        } catch {
          return undefined;
        }
      }`,
  ].join('\n');
}

/** Says in the header comment what the delivery ledger promises. */
export const IDEMPOTENCY_NOTE =
  "Each delivery id runs its function at most once: it is recorded as done only after the function succeeds, a redelivery that arrives while it is still running is answered 2xx without running it again, and a failure forgets the id so a redelivery runs it again. A function still running after PROCESSING_LIMIT_MS is taken for hung: a redelivery then runs it again.";

export const DELIVERY_LEDGER = code`
  /** A delivery id claimed for one run of its function, until the processing limit. */
  interface DeliveryClaim {
    id: string;
    until: number;
  }

  /**
   * Delivery ids being processed, or processed recently, so each delivery's function runs once:
   * - an id is recorded as done only after its function has succeeded;
   * - a redelivery that arrives while the function is still running is answered 2xx and not run;
   * - a failure forgets the id, so a redelivery runs the function again (the sender already had
   *   its 2xx, so that takes a manual redelivery or a later retry of the same delivery id);
   * - a claim lasts PROCESSING_LIMIT_MS: a function still running then is taken for hung, and a
   *   redelivery runs it again instead of being refused for as long as a done id is remembered;
   *   if the hung run fails after that, the redelivery's claim stands.
   * This lives in one process's memory: with several instances, or to survive restarts, keep the
   * ids in a shared store instead, e.g. Redis: \`SET webhook:<id> <random token> NX EX 3600\` to claim
   * (whoever sets it processes the delivery), \`SET webhook:<id> done EX 86400\` on success, and on
   * failure \`DEL\` only while the value is still your token.
   */
  class DeliveryLedger {
    /**
     * Expiry time by id, in the order the entries were set. A claim expires sooner than a done id,
     * so the sweep (which stops at the first entry still live) may keep an expired claim until the
     * done ids before it expire; \`begin\` checks each id's own expiry.
     */
    private readonly expiries = new Map<string, number>();
    private readonly ttlMs: number;
    private readonly processingLimitMs: number;

    constructor(ttlMs: number, processingLimitMs: number) {
      this.ttlMs = ttlMs;
      this.processingLimitMs = processingLimitMs;
    }

    /** Claims the id for processing: undefined if it is being processed (up to the limit) or was processed within the TTL. */
    begin(id: string, now = Date.now()): DeliveryClaim | undefined {
      for (const [seen, expiresAt] of this.expiries) {
        if (expiresAt > now) break;
        this.expiries.delete(seen);
      }
      const expiresAt = this.expiries.get(id);
      if (expiresAt !== undefined && expiresAt > now) return undefined;
      this.expiries.delete(id);
      const claim = { id, until: now + this.processingLimitMs };
      this.expiries.set(id, claim.until);
      return claim;
    }

    /** The function succeeded: the id is done, and stays so for the TTL from now. */
    succeeded(claim: DeliveryClaim, now = Date.now()): void {
      this.expiries.delete(claim.id);
      this.expiries.set(claim.id, now + this.ttlMs);
    }

    /** The function failed: forget the id, so a redelivery runs it again, unless a redelivery has claimed it since. */
    failed(claim: DeliveryClaim): void {
      if (this.expiries.get(claim.id) === claim.until) this.expiries.delete(claim.id);
    }
  }

  const deliveries = new DeliveryLedger(DEDUPE_TTL_MS, PROCESSING_LIMIT_MS);

  /** Runs a delivery's function, then records its id as done; a failure gives up the claim and is rethrown. */
  async function processOnce(claim: DeliveryClaim | undefined, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (claim) deliveries.failed(claim);
      throw error;
    }
    if (claim) deliveries.succeeded(claim);
  }`;

/** Small helpers, emitted only when the rest of the file calls them. */
export const HELPERS: ReadonlyArray<{ name: string; source: string }> = [
  {
    name: 'stringField',
    source: code`
      /** The string at a dotted path of the payload (\`event.type\`), if there is one. */
      function stringField(payload: unknown, path: string): string | undefined {
        let value = payload;
        for (const key of path.split('.')) {
          if (typeof value !== 'object' || value === null) return undefined;
          value = (value as Record<string, unknown>)[key];
        }
        return typeof value === 'string' ? value : undefined;
      }`,
  },
  {
    name: 'signedHeaderParams',
    source: code`
      /** The key=value items of a signature header such as \`t=…,v1=…\`, split on \`separator\`. */
      function signedHeaderParams(header: string, separator: string): Array<[key: string, value: string]> {
        return header.split(separator).map((item): [string, string] => {
          const eq = item.indexOf('=');
          return eq === -1 ? [item.trim(), ''] : [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
        });
      }`,
  },
  { name: 'idText', source: ID_TEXT_HELPER },
  {
    name: 'safeEqual',
    source: code`
      /** Constant-time comparison; different lengths are a mismatch (timingSafeEqual would throw). */
      function safeEqual(a: Buffer, b: Buffer): boolean {
        return a.length === b.length && timingSafeEqual(a, b);
      }`,
  },
  {
    name: 'isFresh',
    source: code`
      /** Whether a signed timestamp (Unix seconds) is within the tolerance of now, either way. */
      function isFresh(timestampSeconds: number): boolean {
        return Number.isFinite(timestampSeconds) && Math.abs(Date.now() / 1000 - timestampSeconds) <= TOLERANCE_SECONDS;
      }`,
  },
  {
    name: 'publicUrl',
    source: code`
      /**
       * The URL the provider posted to, which it signs. Behind a proxy or tunnel this server sees another
       * host, so the origin comes from the environment (e.g. https://example.ngrok.app).
       */
      function publicUrl(delivery: Delivery): string {
        return (process.env[PUBLIC_ORIGIN_ENV_VAR] ?? '').replace(/\/+$/, '') + delivery.url;
      }`,
  },
  {
    name: 'firstHeader',
    source: code`
      function firstHeader(value: string | string[] | undefined): string | undefined {
        return Array.isArray(value) ? value[0] : value;
      }`,
  },
];
