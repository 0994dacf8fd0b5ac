import { rawHeaderValue, setRawHeader } from '../../signatures/rawHeaderEdits';
import type { CheckContext, PracticeOutcome } from '../checkContext';
import { bodyFormatOf, otherSecret, tamperBody, withoutHeaders } from '../deliveryVariants';
import type { OutgoingRequest } from '../exchange';
import { refused } from '../expectations';

/**
 * 2. Tampered body, re-formatted body, wrong secret, missing and malformed signature headers → 4xx.
 * Each probe changes one thing of a correctly signed delivery.
 */
export async function badSignatures(ctx: CheckContext): Promise<PracticeOutcome> {
  const { definition } = ctx;
  const signatureHeaders = definition.detection.signatureHeaders;
  const probes: Array<[label: string, request: OutgoingRequest]> = [];
  const notes: string[] = [];

  const base = ctx.deliver();
  if (signsBody(ctx)) {
    probes.push(['the body changed in one byte after signing', { ...base, body: tamperBody(base.body, bodyFormatOf(base.rawHeaders)) }]);
    const reformatted = reformattedAfterSigning(ctx);
    if (reformatted) probes.push(['the signed JSON re-formatted (the same data in other bytes)', reformatted]);
  } else {
    notes.push(`${definition.name} does not sign the body (it sends a shared token), so a changed body cannot be detected; not probed.`);
  }
  probes.push(['signed with a wrong secret', ctx.resign(ctx.deliver(), { key: wrongKey(ctx) })]);
  const unsigned = ctx.deliver();
  probes.push([`no signature header (${signatureHeaders.join(', ')} removed)`, { ...unsigned, rawHeaders: withoutHeaders(unsigned.rawHeaders, signatureHeaders) }]);
  for (const malformed of definition.testing.malformedSignatures) {
    const delivery = ctx.deliver();
    const rawHeaders = setRawHeader(withoutHeaders(delivery.rawHeaders, signatureHeaders), malformed.header, malformed.value);
    probes.push([`a malformed ${malformed.header}: ${malformed.what}`, { ...delivery, rawHeaders }]);
  }
  const exchanges = [];
  for (const [label, request] of probes) exchanges.push(await ctx.send(label, request, refused()));
  const statuses = [...new Set(exchanges.map((e) => e.response?.status ?? e.error?.code))].join(', ');
  return { applicable: true, exchanges, summary: `${statuses} to all ${exchanges.length} bad signatures`, notes };
}

/** A key of the same kind that is not the right one: another secret, or another test key pair. */
export function wrongKey(ctx: CheckContext): string {
  const { signing } = ctx.definition;
  return signing.kind === 'secret' ? otherSecret(ctx.key) : signing.testKeys.generate().privateKey;
}

/** Whether the signature covers the body: two bodies signed at the same moment get different signatures. */
function signsBody(ctx: CheckContext): boolean {
  const at = ctx.now();
  const a = ctx.deliver({ at, deliveryId: 'keep' });
  const b = ctx.deliver({ at, deliveryId: 'keep', from: { ...ctx.template, body: tamperBody(ctx.template.body, bodyFormatOf(ctx.template.rawHeaders)) } });
  return ctx.definition.detection.signatureHeaders.some((name) => rawHeaderValue(a.rawHeaders, name) !== rawHeaderValue(b.rawHeaders, name));
}

/**
 * Signed over compact JSON, sent indented: a handler that verifies `JSON.stringify(parsedBody)`
 * instead of the raw bytes accepts it.
 */
function reformattedAfterSigning(ctx: CheckContext): OutgoingRequest | undefined {
  if (bodyFormatOf(ctx.template.rawHeaders) !== 'json') return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(ctx.template.body).toString('utf8'));
  } catch {
    return undefined;
  }
  const signed = ctx.deliver({ from: { ...ctx.template, body: Buffer.from(JSON.stringify(payload)) } });
  const sentPayload: unknown = JSON.parse(Buffer.from(signed.body).toString('utf8'));
  return { ...signed, body: Buffer.from(JSON.stringify(sentPayload, null, 2)) };
}
