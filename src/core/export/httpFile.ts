import { isUtf8 } from 'node:buffer';
import type { Capture } from '../capture';
import { exportedHeaders } from './exportedHeaders';
import { forwardUrl } from '../forward/forwardTarget';

export interface HttpFileDocument {
  /** The `.http` text (REST Client / JetBrains HTTP Client syntax). */
  text: string;
  /** Bodies referenced as `< ./name`: write each next to the document. */
  bodyFiles: Array<{ name: string; bytes: Uint8Array }>;
}

export interface ParsedHttpRequest {
  method: string;
  /** As written in the request line: usually an absolute URL. */
  url: string;
  rawHeaders: string[];
  body: Uint8Array;
}

type ExportedCapture = Pick<Capture, 'id' | 'method' | 'url' | 'rawHeaders' | 'body'>;

/**
 * One request per capture, separated by `###`, sent to `baseUrl` with the captured path and query.
 * Host and Content-Length are left to the client. A body goes inline only when REST Client would
 * send exactly its bytes: UTF-8, no CR, no line that starts with `###`, no `{{` (a variable), not
 * starting with `<` (a file reference) and no trailing line break (trimmed). Any other body is
 * written to a file and referenced with `< ./body-<id>.bin`, which sends it byte for byte.
 */
export function toHttpFile(captures: readonly ExportedCapture[], baseUrl: string): HttpFileDocument {
  const bodyFiles: HttpFileDocument['bodyFiles'] = [];
  const blocks = captures.map((capture) => {
    const url = forwardUrl(capture.url, { url: baseUrl, pathMode: 'keep' }).toString();
    const lines = [`### ${capture.method} ${capture.url} (capture ${capture.id})`, `${capture.method} ${url} HTTP/1.1`];
    for (const [name, value] of exportedHeaders(capture.rawHeaders)) lines.push(`${name}: ${value}`);
    const body = Buffer.from(capture.body.buffer, capture.body.byteOffset, capture.body.byteLength);
    if (body.length > 0) {
      lines.push('');
      if (isInlineSafe(body)) lines.push(body.toString('utf8'));
      else {
        const name = `body-${capture.id}.bin`;
        bodyFiles.push({ name, bytes: body });
        lines.push(`< ./${name}`);
      }
    }
    return lines.join('\n');
  });
  return { text: blocks.join('\n\n') + '\n', bodyFiles };
}

function isInlineSafe(body: Buffer): boolean {
  if (!isUtf8(body)) return false;
  const text = body.toString('utf8');
  return !text.includes('\r') && !/(^|\n)###/.test(text) && !text.includes('{{') && !text.startsWith('<') && !/\n$/.test(text);
}

/**
 * The first request of a `.http` document, for Edit and Resend. Comments (`#`, `//`), `###`
 * separators and `@name = value` lines before the request line are skipped; the body runs to the
 * next `###` line, without its trailing line breaks. A body `< ./file` is read with `readBodyFile`.
 */
export function parseHttpRequest(text: string, options: { readBodyFile?: (path: string) => Uint8Array } = {}): ParsedHttpRequest {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  let i = 0;
  while (i < lines.length && /^\s*($|#|\/\/|@)/.test(lines[i])) i++;
  if (i >= lines.length) throw new Error('No request in the document: expected a line like "POST https://example.com/hooks HTTP/1.1".');
  const requestLine = /^([A-Za-z]+)\s+(\S+)(?:\s+HTTP\/[\d.]+)?\s*$/.exec(lines[i].trim());
  const urlOnly = /^(\S+)$/.exec(lines[i].trim());
  if (!requestLine && !urlOnly) throw new Error(`Line ${i + 1} is not a request line: "${lines[i]}".`);
  const method = requestLine ? requestLine[1].toUpperCase() : 'GET';
  const url = requestLine ? requestLine[2] : urlOnly![1];
  const rawHeaders: string[] = [];
  for (i++; i < lines.length && lines[i].trim() !== '' && !lines[i].startsWith('###'); i++) {
    if (/^\s*(#|\/\/)/.test(lines[i])) continue;
    const colon = lines[i].indexOf(':');
    if (colon <= 0) throw new Error(`Line ${i + 1} is not a header ("Name: value"): "${lines[i]}".`);
    rawHeaders.push(lines[i].slice(0, colon).trim(), lines[i].slice(colon + 1).trim());
  }
  const bodyLines: string[] = [];
  if (i < lines.length && lines[i].trim() === '') {
    for (i++; i < lines.length && !lines[i].startsWith('###'); i++) bodyLines.push(lines[i]);
  }
  const bodyText = bodyLines.join('\n').replace(/\n+$/, '');
  const fileReference = /^<\s+(\S.*)$/.exec(bodyText);
  if (fileReference && !bodyText.includes('\n')) {
    if (!options.readBodyFile) throw new Error(`The body is read from ${fileReference[1]}; pass readBodyFile to load it.`);
    return { method, url, rawHeaders, body: options.readBodyFile(fileReference[1]) };
  }
  return { method, url, rawHeaders, body: Buffer.from(bodyText) };
}
