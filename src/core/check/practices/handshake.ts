import { randomBytes } from 'node:crypto';
import type { CheckContext, PracticeOutcome } from '../checkContext';
import { exactly, handshakeAnswered } from '../expectations';
import { wrongKey } from './badSignatures';

/**
 * 7. The provider's verification request, signed as it signs it, gets the answer the provider asks
 * for; where the provider also sends it with a bad signature (Discord), that one is refused with 401.
 */
export async function handshake(ctx: CheckContext): Promise<PracticeOutcome> {
  const { definition } = ctx;
  const hs = definition.handshake;
  if (!hs) return { applicable: false, reason: `${definition.name} sends no verification handshake.` };
  const challenge = randomBytes(24).toString('base64url');
  const from = { ...ctx.template, method: 'POST', body: Buffer.from(hs.body(challenge)) };
  const exchanges = [await ctx.send(`${hs.kind}: ${hs.description}`, ctx.deliver({ from }), handshakeAnswered(hs, challenge))];
  if (hs.refusesBadSignature) {
    const forged = ctx.resign(ctx.deliver({ from }), { key: wrongKey(ctx) });
    exchanges.push(await ctx.send(`${hs.kind} with a deliberately wrong signature`, forged, exactly(401, `${definition.name} checks that a bad signature is refused`)));
  }
  return { applicable: true, exchanges, summary: `answered ${hs.kind} as ${definition.name} expects${hs.refusesBadSignature ? ' and refused it with a bad signature' : ''}` };
}
