import type { Capture } from '../capture';
import { forwardCapture, type ForwardOptions } from './forwardCapture';
import type { ForwardResult } from './forwardResult';
import type { PathMode } from './forwardTarget';

/** Sends a stored capture again, to any URL. */
export function replayCapture(
  capture: Pick<Capture, 'method' | 'url' | 'rawHeaders' | 'body' | 'remoteAddress'>,
  targetUrl: string,
  options: ForwardOptions & { pathMode?: PathMode } = {},
): Promise<ForwardResult> {
  const { pathMode = 'target', ...forwardOptions } = options;
  return forwardCapture(capture, { url: targetUrl, pathMode }, forwardOptions);
}

/** Sends a request edited in a `.http` document to the absolute URL in its request line. */
export function resendRequest(
  request: { method: string; url: string; rawHeaders: readonly string[]; body: Uint8Array },
  options: ForwardOptions = {},
): Promise<ForwardResult> {
  return forwardCapture({ ...request, url: '' }, { url: request.url, pathMode: 'target' }, options);
}
