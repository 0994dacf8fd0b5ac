import { describeAge, formatDuration, isWithinTolerance } from './signatureAge';
import type { ProviderDefinition, VerificationContext } from '../providers/providerDefinition';
import type { SignatureResult } from './signatureResult';

/** The provider a verdict is about. */
type Scheme = Pick<ProviderDefinition, 'id' | 'name'>;

/** What a provider module found, beyond the verdict itself. */
export interface SignatureFacts {
  signatureHeader: string;
  algorithm: string;
  signatureCount?: number;
}

export function malformed(scheme: Scheme, facts: SignatureFacts, problem: string): SignatureResult {
  return { ...base(scheme, facts), status: 'malformed', detail: `${scheme.name} signature header cannot be parsed: ${problem}` };
}

/** A well-formed signature that matches nothing. `differs` names what may differ, e.g. "body or secret differs". */
export function mismatch(scheme: Scheme, facts: SignatureFacts, differs = 'body or secret differs', signedAt?: number, ctx?: VerificationContext): SignatureResult {
  const result: SignatureResult = { ...base(scheme, facts), status: 'invalid', detail: `${scheme.name} signature does not match — ${differs}` };
  return ctx && signedAt !== undefined ? { ...result, ...timing(signedAt, ctx) } : result;
}

/** A matching signature; valid or expired depending on the signed timestamp when there is one. */
export function matched(scheme: Scheme, facts: SignatureFacts, ctx: VerificationContext, signedAt?: number, note?: string): SignatureResult {
  const suffix = note ? ` (${note})` : '';
  if (signedAt === undefined) {
    return { ...base(scheme, facts), status: 'valid', detail: `${scheme.name} signature valid${suffix}` };
  }
  const result = { ...base(scheme, facts), ...timing(signedAt, ctx) };
  const age = describeAge(signedAt, ctx.now);
  if (isWithinTolerance(signedAt, ctx.now, ctx.toleranceSeconds)) {
    return { ...result, status: 'valid', detail: `${scheme.name} signature valid — signed ${age}${suffix}` };
  }
  const tolerance = formatDuration(ctx.toleranceSeconds * 1000);
  return { ...result, status: 'expired', detail: `${scheme.name} signature matches but was signed ${age}; tolerance ${tolerance}${suffix}` };
}

/** The caller gave a secret the scheme cannot use (a key that is not a key). */
export function unusableSecret(scheme: Scheme, facts: SignatureFacts, problem: string): SignatureResult {
  return { ...base(scheme, facts), status: 'invalid', detail: `${scheme.name} signature cannot be checked — ${problem}` };
}

function base(scheme: Scheme, facts: SignatureFacts): SignatureResult {
  const result: SignatureResult = {
    provider: scheme.id,
    providerName: scheme.name,
    status: 'invalid',
    signatureHeader: facts.signatureHeader,
    algorithm: facts.algorithm,
  };
  if (facts.signatureCount !== undefined) result.signatureCount = facts.signatureCount;
  return result;
}

function timing(signedAt: number, ctx: VerificationContext): Pick<SignatureResult, 'signedAt' | 'ageSeconds' | 'toleranceSeconds'> {
  return { signedAt, ageSeconds: Math.round((ctx.now - signedAt) / 1000), toleranceSeconds: ctx.toleranceSeconds };
}

/** Shortens header text quoted in a detail sentence. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
