import { randomBytes } from 'node:crypto';
import type { ProviderHandshake } from '../../providers/providerDefinition';
import type { ExchangeRecord } from '../checkReport';
import type { CheckContext, PracticeOutcome } from '../checkContext';
import { exactly, handshakeAnswered } from '../expectations';
import { wrongKey } from './badSignatures';

/**
 * 7. The provider's verification request, signed as it signs it, gets the answer the provider asks
 * for (or the answer to its other form, where it has one: Discord's interactions PING); where the
 * provider also sends it with a bad signature (Discord), that one is refused with 401.
 */
export async function handshake(ctx: CheckContext): Promise<PracticeOutcome> {
  const { definition } = ctx;
  const first = definition.handshake;
  if (!first) return { applicable: false, reason: `${definition.name} sends no verification handshake.` };
  const exchanges: ExchangeRecord[] = [];
  const notes: string[] = [];
  let answered: ProviderHandshake | undefined;
  for (let hs: ProviderHandshake | null = first; hs && !answered; hs = hs.alternative) {
    const challenge = randomBytes(24).toString('base64url');
    const record = await ctx.send(`${hs.kind}: ${hs.description}`, signedHandshake(ctx, hs, challenge), handshakeAnswered(hs, challenge));
    exchanges.push(record);
    if (record.verdict === 'pass') answered = hs;
  }
  if (answered && exchanges.length > 1) {
    // The endpoint is of the other kind: the forms it does not serve are not held against it.
    notes.push(`Answered ${answered.kind}; ${exchanges.slice(0, -1).map((e) => `${e.label.split(':')[0]} got ${e.response?.status ?? e.error?.code}`).join(', ')} (a ${definition.name} endpoint serves one kind).`);
    for (const e of exchanges.slice(0, -1)) Object.assign(e, { verdict: 'pass', note: `not this kind of endpoint: it answered ${answered.kind}` });
  }
  const refused = answered ?? first;
  if (refused.refusesBadSignature) {
    const forged = ctx.resign(signedHandshake(ctx, refused, randomBytes(24).toString('base64url')), { key: wrongKey(ctx) });
    exchanges.push(await ctx.send(`${refused.kind} with a deliberately wrong signature`, forged, exactly(401, `${definition.name} checks that a bad signature is refused`)));
  }
  const kind = answered?.kind ?? first.kind;
  return { applicable: true, exchanges, notes, summary: `answered ${kind} as ${definition.name} expects${refused.refusesBadSignature ? ' and refused it with a bad signature' : ''}` };
}

function signedHandshake(ctx: CheckContext, hs: ProviderHandshake, challenge: string) {
  return ctx.deliver({ from: { ...ctx.template, method: 'POST', body: Buffer.from(hs.body(challenge)) } });
}
