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
