import type { Capture, ForwardResult, SignatureResult } from '../../core';
import type { CaptureSnapshot, ForwardSnapshot, HostMessage } from '../../shared/protocol';
import { toSignatureSnapshot } from '../signatures/signaturePresentation';
import { bodyInParts, wholeBody } from './bodyParts';

/**
 * The messages that show a capture: `showCapture`, and for a large body the `bodyPart` messages with
 * the rest of it, to be posted in this order.
 */
export function showCaptureMessages(capture: Capture, signature: SignatureResult, duplicateOf: string | undefined, forward?: ForwardResult): HostMessage[] {
  const view = toCaptureSnapshot(capture, signature, duplicateOf, forward);
  const { body, parts } = bodyInParts(capture.id, capture.body);
  view.body = body;
  return [{ type: 'showCapture', capture: view }, ...parts];
}

/** A capture as the payload view receives it: the body as raw bytes, which the view decodes. */
export function toCaptureSnapshot(capture: Capture, signature: SignatureResult, duplicateOf: string | undefined, forward?: ForwardResult): CaptureSnapshot {
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < capture.rawHeaders.length; i += 2) headers.push([capture.rawHeaders[i], capture.rawHeaders[i + 1]]);
  const contentType = capture.headers['content-type'];
  const view: CaptureSnapshot = {
    id: capture.id,
    method: capture.method,
    url: capture.url,
    httpVersion: capture.httpVersion,
    receivedAt: capture.receivedAt,
    bodySize: capture.bodySize,
    truncated: capture.truncated,
    responseStatus: capture.responseStatus,
    remoteAddress: capture.remoteAddress,
    headers,
    body: wholeBody(capture.body),
    signature: toSignatureSnapshot(signature),
  };
  if (contentType !== undefined) view.contentType = Array.isArray(contentType) ? contentType[0] : contentType;
  if (capture.provider !== undefined) view.provider = capture.provider;
  if (signature.provider !== undefined) view.provider = signature.provider;
  if (capture.event !== undefined) view.event = capture.event;
  if (capture.deliveryId !== undefined) view.deliveryId = capture.deliveryId;
  if (duplicateOf !== undefined) view.duplicateOf = duplicateOf;
  if (capture.handshake !== undefined) view.handshake = capture.handshake;
  if (forward) view.forward = toForwardSnapshot(forward);
  if (capture.damaged !== undefined) view.damaged = capture.damaged;
  return view;
}

/** The relay result as the header strip shows it (the full body length stays on the host). */
export function toForwardSnapshot(forward: ForwardResult): ForwardSnapshot {
  return forward.ok
    ? { ok: true, status: forward.status, latencyMs: forward.latencyMs, target: forward.target, headers: forward.headers, bodyExcerpt: forward.bodyExcerpt }
    : { ok: false, error: forward.error, message: forward.message, latencyMs: forward.latencyMs, target: forward.target };
}
