import { eventHeaderNames } from '../providers/eventName';
import { BUILT_IN_DEFINITIONS } from '../providers/registry';

/**
 * Headers whose value names the event outright, best first: the built-in providers' event headers,
 * then those of senders without a signature scheme here (Bitbucket's X-Event-Key, WooCommerce's
 * X-WC-Webhook-Topic).
 */
export const EVENT_HEADERS: readonly string[] = [
  ...BUILT_IN_DEFINITIONS.flatMap((definition) => (definition.event.kind === 'header' ? eventHeaderNames(definition.event) : [])),
  'x-event-key',
  'x-wc-webhook-topic',
];

/** What a header name tells the labeller; -1 where it tells nothing of that kind. */
interface HeaderRole {
  /** Position of the first built-in provider that signs with this header. */
  signature: number;
  /** Position of the first built-in provider that marks its requests with this header. */
  marker: number;
  /** Rank among EVENT_HEADERS. */
  event: number;
  /** The name, lower-cased, when some provider carries its delivery id in it. */
  deliveryId: string | undefined;
  userAgent: boolean;
}

/** What one pass over a request's headers found, for describeDelivery. */
export interface LabelHeaders {
  /** Position in BUILT_IN_DEFINITIONS of the detected provider; -1 for none. */
  provider: number;
  /** The event header's value and which EVENT_HEADERS entry it came from. */
  event: string | undefined;
  eventHeader: string | undefined;
  /** The first value of each delivery-id header present, by lower-case name. */
  deliveryIds: Map<string, string> | undefined;
}

const ROLES = buildRoles();
/** Header names as senders spell them map to their role; senders repeat the same few spellings. */
const rolesBySpelling = new Map<string, HeaderRole | null>();
const MAX_REMEMBERED_SPELLINGS = 1024;

/**
 * Reads everything labelling needs from the raw headers in one pass: the provider by the rules of
 * detectProvider (a signature header, else a marker header, else the User-Agent; first provider wins),
 * the event header and the delivery-id headers. It runs for every capture, so it looks each name up
 * once instead of asking for every header every provider knows.
 */
export function readLabelHeaders(rawHeaders: readonly string[]): LabelHeaders {
  let signature = BUILT_IN_DEFINITIONS.length;
  let marker = BUILT_IN_DEFINITIONS.length;
  let eventRank = EVENT_HEADERS.length;
  let event: string | undefined;
  let userAgent: string | undefined;
  let deliveryIds: Map<string, string> | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const role = roleOf(rawHeaders[i]);
    if (role === null) continue;
    const value = rawHeaders[i + 1];
    if (role.signature !== -1 && role.signature < signature) signature = role.signature;
    if (role.marker !== -1 && role.marker < marker) marker = role.marker;
    if (role.event !== -1 && role.event < eventRank && value) {
      eventRank = role.event;
      event = value;
    }
    if (role.userAgent && userAgent === undefined) userAgent = value;
    if (role.deliveryId !== undefined) {
      deliveryIds ??= new Map();
      if (!deliveryIds.has(role.deliveryId)) deliveryIds.set(role.deliveryId, value);
    }
  }
  let provider = signature < BUILT_IN_DEFINITIONS.length ? signature : marker < BUILT_IN_DEFINITIONS.length ? marker : -1;
  if (provider === -1 && userAgent !== undefined) {
    const agent = userAgent.trim();
    provider = BUILT_IN_DEFINITIONS.findIndex(({ detection }) => detection.userAgentPrefix !== undefined && agent.startsWith(detection.userAgentPrefix));
  }
  return { provider, event, eventHeader: event === undefined ? undefined : EVENT_HEADERS[eventRank], deliveryIds };
}

function roleOf(name: string): HeaderRole | null {
  let role = rolesBySpelling.get(name);
  if (role === undefined) {
    role = ROLES.get(name.toLowerCase()) ?? null;
    if (rolesBySpelling.size < MAX_REMEMBERED_SPELLINGS) rolesBySpelling.set(name, role);
  }
  return role;
}

function buildRoles(): Map<string, HeaderRole> {
  const roles = new Map<string, HeaderRole>();
  const roleFor = (name: string): HeaderRole => {
    const lower = name.toLowerCase();
    let role = roles.get(lower);
    if (!role) {
      role = { signature: -1, marker: -1, event: -1, deliveryId: undefined, userAgent: false };
      roles.set(lower, role);
    }
    return role;
  };
  BUILT_IN_DEFINITIONS.forEach(({ detection, deliveryId }, position) => {
    for (const header of detection.signatureHeaders) {
      const role = roleFor(header);
      if (role.signature === -1) role.signature = position;
    }
    for (const header of detection.markerHeaders) {
      const role = roleFor(header);
      if (role.marker === -1) role.marker = position;
    }
    if (deliveryId.kind === 'header') for (const header of deliveryId.headers) roleFor(header).deliveryId = header.toLowerCase();
  });
  EVENT_HEADERS.forEach((header, rank) => {
    roleFor(header).event = rank;
  });
  roleFor('user-agent').userAgent = true;
  return roles;
}
