import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProviderDefinition } from '../providers/providerDefinition';

/**
 * One of a provider's common deliveries, as it sends it: headers besides the signature (event name,
 * delivery id, user agent, content type) and the body. Shipped as `samples/<provider>/<file>.json`.
 */
export interface SampleEvent {
  provider: string;
  /** The event as the tree labels it: `push`, `pull_request.opened`, `orders/create`. */
  event: string;
  description: string;
  /** The file it was read from, relative to the samples folder; absent for generated samples. */
  file?: string;
  method: string;
  /** Header names and values in order: [name, value, …]. */
  rawHeaders: string[];
  body: Uint8Array;
  /** A verification request rather than an event (Slack's url_verification): never the check's template. */
  handshake: boolean;
  /** The provider's most common delivery: the endpoint check's template unless another is chosen. */
  primary: boolean;
}

/** A sample file that could not be used, and why. */
export interface SampleProblem {
  file: string;
  message: string;
}

export interface SampleCatalog {
  samples: SampleEvent[];
  problems: SampleProblem[];
}

/**
 * The sample events of one provider (or of every provider folder) under `folder`: each provider's
 * primary sample first, then by file name. A file that is not a valid sample is reported in
 * `problems` and skipped.
 */
export function readSampleEvents(folder: string, provider?: string): SampleCatalog {
  const samples: SampleEvent[] = [];
  const problems: SampleProblem[] = [];
  const providers = provider !== undefined ? [provider] : listFolders(folder);
  for (const id of providers) {
    const dir = path.join(folder, id);
    if (!isSafeFolderName(id) || !fs.existsSync(dir)) continue;
    const own: SampleEvent[] = [];
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const file = `${id}/${name}`;
      try {
        own.push(parseSampleEvent(fs.readFileSync(path.join(dir, name), 'utf8'), id, file));
      } catch (error) {
        problems.push({ file, message: error instanceof Error ? error.message : String(error) });
      }
    }
    // The provider's primary sample first, the rest by file name.
    samples.push(...own.filter((s) => s.primary), ...own.filter((s) => !s.primary));
  }
  return { samples, problems };
}

/**
 * Parses a sample file: `{ event, description, headers: {name: value}, body }` with `body` any
 * JSON value (written compact, or with `indent` spaces), or `form: {name: value}` for a
 * form-encoded body. Throws an Error naming what is wrong.
 */
export function parseSampleEvent(text: string, provider: string, file?: string): SampleEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!isObject(value)) throw new Error('a sample must be a JSON object');
  const { event, description, headers, body, form, indent, method, handshake, primary } = value;
  const known = new Set(['event', 'description', 'headers', 'body', 'form', 'indent', 'method', 'handshake', 'primary']);
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length) throw new Error(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`);
  if (handshake !== undefined && typeof handshake !== 'boolean') throw new Error('"handshake" must be true or false');
  if (primary !== undefined && typeof primary !== 'boolean') throw new Error('"primary" must be true or false');
  if (typeof event !== 'string' || event === '') throw new Error('"event" must be a non-empty string');
  if (description !== undefined && typeof description !== 'string') throw new Error('"description" must be a string');
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Z]+$/.test(method))) throw new Error('"method" must be an upper-case HTTP method');
  if (!isObject(headers) || !Object.values(headers).every((v) => typeof v === 'string')) throw new Error('"headers" must map header names to strings');
  if ((body === undefined) === (form === undefined)) throw new Error('give exactly one of "body" (JSON) and "form" (form fields)');
  if (indent !== undefined && (typeof indent !== 'number' || !Number.isInteger(indent) || indent < 0 || indent > 8)) throw new Error('"indent" must be 0 to 8');
  let bytes: Buffer;
  if (form !== undefined) {
    if (!isObject(form) || !Object.values(form).every((v) => typeof v === 'string')) throw new Error('"form" must map field names to strings');
    bytes = Buffer.from(new URLSearchParams(form as Record<string, string>).toString());
  } else {
    bytes = Buffer.from(JSON.stringify(body, null, indent));
  }
  return {
    provider,
    event,
    description: description ?? '',
    ...(file !== undefined ? { file } : {}),
    method: method ?? 'POST',
    rawHeaders: Object.entries(headers as Record<string, string>).flat(),
    body: bytes,
    handshake: handshake === true,
    primary: primary === true,
  };
}

/**
 * A plain sample for a provider with no sample files (a custom provider from the settings): a small
 * JSON event, named where the provider says events are named.
 */
export function genericSampleEvent(definition: ProviderDefinition): SampleEvent {
  const eventName = 'test.event';
  const rawHeaders = ['Content-Type', 'application/json', 'User-Agent', 'Webhook-Workbench-Test-Event/1.0'];
  const payload: Record<string, unknown> = { id: 'evt_test', created: 1717422067, data: { message: 'A test event sent by Webhook Workbench' } };
  const { event } = definition;
  if (event.kind === 'header') rawHeaders.push(event.header, eventName);
  else if (event.kind === 'field') setPath(payload, event.field, eventName);
  return { provider: definition.id, event: eventName, description: 'A small JSON test event', method: 'POST', rawHeaders, body: Buffer.from(JSON.stringify(payload)), handshake: false, primary: true };
}

function setPath(target: Record<string, unknown>, dotted: string, value: string): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = isObject(next) ? next : (node[key] = {});
  }
  node[keys[keys.length - 1]] = value;
}

function listFolders(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Provider ids come from users; a folder name never climbs out of the samples folder. */
function isSafeFolderName(id: string): boolean {
  return /^[a-z0-9][a-z0-9._-]*$/.test(id) && !id.includes('..');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
