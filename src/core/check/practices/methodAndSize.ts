import type { CheckContext, PracticeOutcome } from '../checkContext';
import { bodyFormatOf, paddedBody, withoutHeaders } from '../deliveryVariants';
import { methodNotAllowed, tooLarge } from '../expectations';

/** Headers that describe a body, dropped from the GET probe. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding'];

/** 8. A GET → 405; a signed body over the size the user set → 413 (or 400). */
export async function methodAndSize(ctx: CheckContext): Promise<PracticeOutcome> {
  const notes: string[] = [];
  const signed = ctx.deliver();
  const get = { method: 'GET', url: signed.url, rawHeaders: withoutHeaders(signed.rawHeaders, BODY_HEADERS), body: new Uint8Array(0) };
  const exchanges = [await ctx.send('a GET instead of a POST', get, methodNotAllowed())];
  const limit = ctx.oversizedBodyBytes;
  if (limit === undefined) {
    notes.push('Oversized bodies not probed: set the largest body the handler accepts (the check then sends one byte more).');
  } else {
    // Padded after the id is stamped, so the size is exact (a fresh id may be shorter than the sample's).
    const stamped = ctx.deliver();
    const body = paddedBody(stamped.body, bodyFormatOf(stamped.rawHeaders), limit + 1);
    const delivery = ctx.deliver({ from: { ...ctx.template, rawHeaders: stamped.rawHeaders, body }, deliveryId: 'keep' });
    exchanges.push(await ctx.send(`a signed body of ${limit + 1} bytes, one over the ${limit}-byte limit`, delivery, tooLarge(limit)));
  }
  const answers = exchanges.map((e) => e.response?.status ?? e.error?.code).join(' and ');
  return { applicable: true, exchanges, summary: `answered ${answers}`, notes };
}
