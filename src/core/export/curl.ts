import { isUtf8 } from 'node:buffer';
import type { Capture } from '../capture';
import { exportedHeaders } from './exportedHeaders';
import { forwardUrl } from '../forward/forwardTarget';

export interface CurlCommand {
  /** A POSIX shell command line. */
  command: string;
  /** When set, write these bytes to `name` next to where the command runs; the command reads `@name`. */
  bodyFile?: { name: string; bytes: Uint8Array };
}

/** Headers curl adds on its own; an empty `-H 'Name:'` stops it when the capture did not have them. */
const CURL_DEFAULTS = ['User-Agent', 'Accept', 'Content-Type', 'Expect'];

/**
 * A curl command that sends the capture to `baseUrl` (the captured path and query kept) with the
 * same method, headers and body bytes. Text bodies go inline in single quotes; bodies that cannot
 * (not UTF-8, a NUL byte, or a leading `@` curl would read as a file name) go through a file.
 */
export function toCurl(capture: Pick<Capture, 'id' | 'method' | 'url' | 'rawHeaders' | 'body'>, baseUrl: string, options: { bodyFileName?: string } = {}): CurlCommand {
  const url = forwardUrl(capture.url, { url: baseUrl, pathMode: 'keep' }).toString();
  const parts = ['curl', '--silent', '--show-error', '-X', shellQuote(capture.method), shellQuote(url)];
  const headers = exportedHeaders(capture.rawHeaders);
  const present = new Set(headers.map(([name]) => name.toLowerCase()));
  for (const [name, value] of headers) {
    // `Name:` would tell curl to drop the header; `Name;` sends it with an empty value.
    parts.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  }
  for (const name of CURL_DEFAULTS) if (!present.has(name.toLowerCase())) parts.push('-H', shellQuote(`${name}:`));
  const body = Buffer.from(capture.body.buffer, capture.body.byteOffset, capture.body.byteLength);
  let bodyFile: CurlCommand['bodyFile'];
  if (body.length > 0) {
    const inline = isUtf8(body) && !body.includes(0) && body[0] !== 0x40; /* @ */
    if (inline) parts.push('--data-binary', shellQuote(body.toString('utf8')));
    else {
      bodyFile = { name: options.bodyFileName ?? `body-${capture.id}.bin`, bytes: body };
      parts.push('--data-binary', shellQuote(`@${bodyFile.name}`));
    }
  }
  return bodyFile ? { command: parts.join(' '), bodyFile } : { command: parts.join(' ') };
}

/** Single-quotes text for a POSIX shell: nothing inside is special except the quote, written `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
