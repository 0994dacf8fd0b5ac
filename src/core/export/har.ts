import { isUtf8 } from 'node:buffer';
import type { Capture, IncomingDelivery } from '../capture';

interface HarHeader { name: string; value: string }

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string; url: string; httpVersion: string; cookies: []; headers: HarHeader[];
    queryString: HarHeader[]; postData?: { mimeType: string; text: string; encoding?: 'base64' }; headersSize: -1; bodySize: number;
  };
  response: { status: number; statusText: string; httpVersion: string; cookies: []; headers: HarHeader[]; content: { size: 0; mimeType: string }; redirectURL: string; headersSize: -1; bodySize: 0 };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** Custom fields (HAR allows `_` names): what a HAR has no place for, so an import restores it. */
  _remoteAddress?: string;
  _truncated?: boolean;
}

export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
}

type ExportedCapture = Pick<Capture, 'method' | 'url' | 'httpVersion' | 'rawHeaders' | 'body' | 'receivedAt' | 'readMs' | 'responseStatus' | 'remoteAddress' | 'truncated'>;

/**
 * Captures as a HAR 1.2 log. The listener only records the status it answered, so the response has
 * the status and no headers or content. Bodies that are not UTF-8 are base64 with `encoding`;
 * `timings.send` is the time spent reading the body.
 */
export function toHar(captures: readonly ExportedCapture[], baseUrl: string, creator = { name: 'Webhook Workbench', version: '0.1.0' }): Har {
  return { log: { version: '1.2', creator, entries: captures.map((c) => toEntry(c, baseUrl)) } };
}

function toEntry(capture: ExportedCapture, baseUrl: string): HarEntry {
  // Joined as text: a URL object would re-escape the captured path and query.
  const url = new URL(baseUrl).origin + (capture.url.startsWith('/') ? capture.url : `/${capture.url}`);
  const q = capture.url.indexOf('?');
  const headers: HarHeader[] = [];
  for (let i = 0; i + 1 < capture.rawHeaders.length; i += 2) headers.push({ name: capture.rawHeaders[i], value: capture.rawHeaders[i + 1] });
  const body = Buffer.from(capture.body.buffer, capture.body.byteOffset, capture.body.byteLength);
  const mimeType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  const httpVersion = `HTTP/${capture.httpVersion}`;
  const entry: HarEntry = {
    startedDateTime: new Date(capture.receivedAt).toISOString(),
    time: capture.readMs,
    request: {
      method: capture.method, url, httpVersion, cookies: [], headers,
      queryString: q === -1 ? [] : [...new URLSearchParams(capture.url.slice(q + 1))].map(([name, value]) => ({ name, value })),
      headersSize: -1, bodySize: body.length,
    },
    response: { status: capture.responseStatus, statusText: '', httpVersion, cookies: [], headers: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: capture.readMs, wait: 0, receive: 0 },
    _remoteAddress: capture.remoteAddress,
  };
  if (capture.truncated) entry._truncated = true;
  if (body.length > 0) {
    entry.request.postData = isUtf8(body) ? { mimeType, text: body.toString('utf8') } : { mimeType, text: body.toString('base64'), encoding: 'base64' };
  }
  return entry;
}

/** Why a HAR file cannot be imported, naming the entry and field. */
export class HarImportError extends Error {
  override name = 'HarImportError';
}

/** The requests of a HAR log (parsed JSON or its text) as deliveries the store can append, bytes preserved. */
export function harToDeliveries(har: unknown): IncomingDelivery[] {
  let value = har;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new HarImportError(`Not a HAR file: the text is not JSON (${(error as Error).message}).`);
    }
  }
  const log = field(value, 'log', 'the file');
  const entries = field(log, 'entries', 'log');
  if (!Array.isArray(entries)) throw new HarImportError('Not a HAR file: log.entries is not an array.');
  return entries.map((entry, i) => toDelivery(entry, `log.entries[${i}]`));
}

function toDelivery(entry: unknown, where: string): IncomingDelivery {
  const request = field(entry, 'request', where);
  const method = text(request, 'method', `${where}.request`);
  const url = pathAndQuery(text(request, 'url', `${where}.request`), `${where}.request.url`);
  const headers = field(request, 'headers', `${where}.request`);
  if (!Array.isArray(headers)) throw new HarImportError(`${where}.request.headers is not an array.`);
  const rawHeaders: string[] = [];
  headers.forEach((header, i) => {
    const name = text(header, 'name', `${where}.request.headers[${i}]`);
    // HTTP/2 pseudo-headers (:authority, :path) recorded by browsers are not request headers.
    if (!name.startsWith(':')) rawHeaders.push(name, text(header, 'value', `${where}.request.headers[${i}]`));
  });
  const started = Date.parse(text(entry, 'startedDateTime', where));
  if (Number.isNaN(started)) throw new HarImportError(`${where}.startedDateTime is not a date.`);
  const record = entry as Record<string, unknown>;
  const response = record.response as Record<string, unknown> | undefined;
  const send = (record.timings as Record<string, unknown> | undefined)?.send;
  return {
    method: method.toUpperCase(),
    url,
    httpVersion: (typeof (request as Record<string, unknown>).httpVersion === 'string' ? String((request as Record<string, unknown>).httpVersion) : 'HTTP/1.1').replace(/^HTTP\//i, ''),
    rawHeaders,
    remoteAddress: typeof record._remoteAddress === 'string' ? record._remoteAddress : '',
    receivedAt: started,
    readMs: typeof send === 'number' && send >= 0 ? send : 0,
    truncated: record._truncated === true,
    responseStatus: typeof response?.status === 'number' ? response.status : 0,
    body: bodyOf((request as Record<string, unknown>).postData, `${where}.request.postData`),
  };
}

function bodyOf(postData: unknown, where: string): Uint8Array {
  if (postData === undefined) return new Uint8Array(0);
  const content = text(postData, 'text', where);
  const encoding = (postData as Record<string, unknown>).encoding;
  if (encoding === undefined) return Buffer.from(content, 'utf8');
  if (encoding !== 'base64') throw new HarImportError(`${where}.encoding ${JSON.stringify(encoding)} is not supported; only base64.`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) throw new HarImportError(`${where}.text is not base64.`);
  return Buffer.from(content, 'base64');
}

function field(value: unknown, name: string, where: string): unknown {
  if (typeof value !== 'object' || value === null || !(name in value)) throw new HarImportError(`Not a HAR file: ${where} has no "${name}".`);
  return (value as Record<string, unknown>)[name];
}

function text(value: unknown, name: string, where: string): string {
  const found = field(value, name, where);
  if (typeof found !== 'string') throw new HarImportError(`${where}.${name} is not a string.`);
  return found;
}

/** The path and query of an absolute URL exactly as written (no re-escaping). */
function pathAndQuery(value: string, where: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(value);
  if (!match) throw new HarImportError(`${where} "${value}" is not an absolute URL.`);
  return match[1].startsWith('/') ? match[1] : `/${match[1]}`;
}
