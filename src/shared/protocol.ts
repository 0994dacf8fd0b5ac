// The messages between the payload view's webview and the extension host. Both sides import this
// file; each side validates what it receives with the guards below before acting on it.

export type SignatureStatus = 'valid' | 'invalid' | 'expired' | 'unsigned' | 'no-secret' | 'malformed';

/** The signature verdict as the badge shows it. Never carries a secret. */
export interface SignatureSnapshot {
  status: SignatureStatus;
  /** Provider id (`github`, `stripe`, `custom:acme`); absent when no provider headers were found. */
  provider?: string;
  /** Display name, e.g. `Stripe`. */
  providerName?: string;
  /** The plain sentence saying why. */
  detail: string;
  /** Epoch ms the sender says it signed at (timestamped schemes). */
  signedAt?: number;
  ageSeconds?: number;
  toleranceSeconds?: number;
  algorithm?: string;
  signatureHeader?: string;
}

export type BodySnapshot =
  /**
   * The raw bytes, as the host sends them: VS Code passes a typed array to the webview as binary
   * data, where a string would be JSON-encoded, sent and parsed again (seconds for a 5 MB body).
   * The view decodes them (as text when they are UTF-8, else a hex dump).
   */
  | { encoding: 'bytes'; bytes: Uint8Array }
  /**
   * The first bytes of a large body, `size` bytes in all; the rest follows in `bodyPart` messages.
   * The view shows the members of this first part at once, while the rest of the body crosses.
   */
  | { encoding: 'head'; bytes: Uint8Array; size: number }
  /** How the view saves a body with its state (setState is JSON): UTF-8 text… */
  | { encoding: 'utf8'; text: string }
  /** …or, for bodies that are not valid UTF-8, base64; the view shows a hex dump. */
  | { encoding: 'base64'; data: string };

/** The latest relay of the capture to the user's app (forwarding or replay). */
export type ForwardSnapshot =
  | { ok: true; status: number; latencyMs: number; target: string; headers: Array<[string, string]>; bodyExcerpt: string }
  | { ok: false; error: string; message: string; latencyMs: number; target: string };

/** One capture as the payload view shows it. */
export interface CaptureSnapshot {
  id: string;
  method: string;
  /** Path and query as received. */
  url: string;
  httpVersion: string;
  receivedAt: number;
  bodySize: number;
  truncated: boolean;
  responseStatus: number;
  remoteAddress: string;
  /** Header pairs in arrival order, names as sent. */
  headers: Array<[string, string]>;
  contentType?: string;
  body: BodySnapshot;
  provider?: string;
  event?: string;
  deliveryId?: string;
  /** The id of the earlier capture with the same delivery id, when this one is a redelivery. */
  duplicateOf?: string;
  /** The provider verification handshake this capture was, when it was one. */
  handshake?: string;
  forward?: ForwardSnapshot;
  signature: SignatureSnapshot;
  /** Why the capture is damaged on disk, when it is: what is shown of it may be wrong. */
  damaged?: string;
}

export type HostMessage =
  /** The capture to show; sent after every `ready`, since a hidden view is rebuilt when shown again. */
  | { type: 'showCapture'; capture: CaptureSnapshot }
  | { type: 'updateSignature'; captureId: string; signature: SignatureSnapshot }
  /**
   * A relay result (forwarding, replay) or the status the sender really got arrived after the capture
   * was shown: the view updates those facts in place and keeps its expansion, scroll and search.
   */
  | { type: 'updateForward'; captureId: string; responseStatus: number; forward?: ForwardSnapshot }
  /** The body bytes from `offset` on of the capture last shown with a `head` body; posted right after it, in order. */
  | { type: 'bodyPart'; captureId: string; offset: number; bytes: Uint8Array };

export type WebviewMessage =
  /** Sent each time the view's script has loaded and can receive messages (again, after a rebuild). */
  | { type: 'ready' }
  /** Put text on the clipboard; `what` says what it is (`value`, `JSON path`, `header`) for the confirmation. */
  | { type: 'copy'; text: string; what: string }
  /** Ask for the "Set Signing Secret" flow for this provider and capture. */
  | { type: 'setSecret'; provider: string; captureId: string }
  | { type: 'openRaw'; captureId: string }
  /** An error inside the view, for the host's log. */
  | { type: 'error'; message: string };

const STATUSES: readonly string[] = ['valid', 'invalid', 'expired', 'unsigned', 'no-secret', 'malformed'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOptional(value: unknown, type: 'string' | 'number'): boolean {
  return value === undefined || typeof value === type;
}

export function isSignatureView(value: unknown): value is SignatureSnapshot {
  return (
    isRecord(value) &&
    typeof value.status === 'string' &&
    STATUSES.includes(value.status) &&
    typeof value.detail === 'string' &&
    isOptional(value.provider, 'string') &&
    isOptional(value.providerName, 'string') &&
    isOptional(value.signedAt, 'number') &&
    isOptional(value.ageSeconds, 'number') &&
    isOptional(value.toleranceSeconds, 'number') &&
    isOptional(value.algorithm, 'string') &&
    isOptional(value.signatureHeader, 'string')
  );
}

function isBodyView(value: unknown): value is BodySnapshot {
  if (!isRecord(value)) return false;
  if (value.encoding === 'bytes') return value.bytes instanceof Uint8Array;
  if (value.encoding === 'head') return value.bytes instanceof Uint8Array && isByteCount(value.size) && value.size > value.bytes.length;
  if (value.encoding === 'utf8') return typeof value.text === 'string';
  if (value.encoding === 'base64') return typeof value.data === 'string';
  return false;
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isHeaderPairs(value: unknown): value is Array<[string, string]> {
  return Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string');
}

function isForwardView(value: unknown): value is ForwardSnapshot {
  if (!isRecord(value) || typeof value.latencyMs !== 'number' || typeof value.target !== 'string') return false;
  if (value.ok === true) return typeof value.status === 'number' && isHeaderPairs(value.headers) && typeof value.bodyExcerpt === 'string';
  return value.ok === false && typeof value.error === 'string' && typeof value.message === 'string';
}

export function isCaptureView(value: unknown): value is CaptureSnapshot {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.method === 'string' &&
    typeof value.url === 'string' &&
    typeof value.httpVersion === 'string' &&
    typeof value.receivedAt === 'number' &&
    typeof value.bodySize === 'number' &&
    typeof value.truncated === 'boolean' &&
    typeof value.responseStatus === 'number' &&
    typeof value.remoteAddress === 'string' &&
    isHeaderPairs(value.headers) &&
    isOptional(value.contentType, 'string') &&
    isBodyView(value.body) &&
    isOptional(value.provider, 'string') &&
    isOptional(value.event, 'string') &&
    isOptional(value.deliveryId, 'string') &&
    isOptional(value.duplicateOf, 'string') &&
    isOptional(value.handshake, 'string') &&
    (value.forward === undefined || isForwardView(value.forward)) &&
    isSignatureView(value.signature) &&
    isOptional(value.damaged, 'string')
  );
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'showCapture':
      return isCaptureView(value.capture);
    case 'updateSignature':
      return typeof value.captureId === 'string' && isSignatureView(value.signature);
    case 'updateForward':
      return typeof value.captureId === 'string' && typeof value.responseStatus === 'number' && (value.forward === undefined || isForwardView(value.forward));
    case 'bodyPart':
      return typeof value.captureId === 'string' && isByteCount(value.offset) && value.bytes instanceof Uint8Array && value.bytes.length > 0;
    default:
      return false;
  }
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'copy':
      return typeof value.text === 'string' && typeof value.what === 'string';
    case 'setSecret':
      return typeof value.provider === 'string' && typeof value.captureId === 'string';
    case 'openRaw':
      return typeof value.captureId === 'string';
    case 'error':
      return typeof value.message === 'string';
    default:
      return false;
  }
}

/** How the user left the view: restored when it is rebuilt (tab switch, reload). */
export interface PayloadUiState {
  /** The selected tab: `body`, `headers`, `query` or `raw`. */
  tab: string;
  /** Paths of the expanded JSON nodes (the root is always open); absent: the default expansion. */
  expanded?: JsonPathSegments[];
  /** The JSON search text and the current match (0-based). */
  search: string;
  searchIndex: number;
  scrollTop: number;
}

export type JsonPathSegments = Array<string | number>;

/**
 * What the view persists with `setState`, so a rebuilt view paints at once: the capture as shown
 * (left out when its body is large) and the UI state. Never a signing secret: the capture view
 * carries none, only the verdict.
 */
export interface PayloadViewState {
  captureId: string;
  capture?: CaptureSnapshot;
  ui?: PayloadUiState;
}

function isPathSegments(value: unknown): value is JsonPathSegments {
  return Array.isArray(value) && value.every((segment) => typeof segment === 'string' || (typeof segment === 'number' && Number.isInteger(segment) && segment >= 0));
}

export function isPayloadUiState(value: unknown): value is PayloadUiState {
  return (
    isRecord(value) &&
    typeof value.tab === 'string' &&
    (value.expanded === undefined || (Array.isArray(value.expanded) && value.expanded.every(isPathSegments))) &&
    typeof value.search === 'string' &&
    typeof value.searchIndex === 'number' &&
    typeof value.scrollTop === 'number'
  );
}

/** The capture id of saved view state, even when the rest was written by another version of the view. */
export function savedCaptureId(value: unknown): string | undefined {
  return isRecord(value) && typeof value.captureId === 'string' ? value.captureId : undefined;
}

/** Checks saved view state completely, before the view renders from it. */
export function isPayloadViewState(value: unknown): value is PayloadViewState {
  return (
    isRecord(value) &&
    typeof value.captureId === 'string' &&
    (value.capture === undefined || (isCaptureView(value.capture) && value.capture.id === value.captureId)) &&
    (value.ui === undefined || isPayloadUiState(value.ui))
  );
}
