import { buildProviderRetry } from '../../testEvents/providerRetry';
import type { ExchangeRecord } from '../checkReport';
import type { CheckContext, PracticeOutcome, SideEffectProbe } from '../checkContext';
import { acknowledged } from '../expectations';

const POLL_MS = 100;

/**
 * 4. The same delivery twice, the second as the provider retries it (same id, fresh signature, its
 * retry headers) → 2xx both times. Whether it was processed once cannot be seen from outside,
 * unless the user names a side effect to read.
 */
export async function duplicateDelivery(ctx: CheckContext): Promise<PracticeOutcome> {
  const { definition } = ctx;
  const first = ctx.deliver();
  const notes: string[] = [];
  const probe = ctx.sideEffect;
  const before = probe ? await readProbe(probe, notes, 'before the first delivery') : undefined;
  const exchanges: ExchangeRecord[] = [await ctx.send('the delivery', first, acknowledged(ctx.timeoutMs))];
  let afterFirst: string | undefined;
  let firstTookMs = 0;
  if (probe && before !== undefined) {
    const started = Date.now();
    afterFirst = await changedFrom(probe, before, ctx.settleMs, ctx.signal);
    firstTookMs = Date.now() - started;
  }
  const retry = buildProviderRetry({
    definition,
    capture: { method: first.method, rawHeaders: first.rawHeaders, body: first.body },
    targetUrl: ctx.url,
    publicUrl: ctx.signedUrl,
    key: ctx.key,
    now: ctx.now(),
    reason: 'http_timeout',
    customProviders: ctx.customProviders,
  });
  const retryLabel = retry.rawHeaders.length > first.rawHeaders.length ? 'the same delivery again, as a provider retry (same id, fresh signature, retry headers)' : 'the same delivery again, as a provider retry (same id, fresh signature)';
  exchanges.push(await ctx.send(retryLabel, retry, acknowledged(ctx.timeoutMs)));

  const id = first.deliveryId;
  notes.push(id !== undefined
    ? `Delivery id: ${id}.`
    : `${definition.name} sends no delivery id with this event, so a handler cannot tell its retry from a new event.`);
  let status: 'fail' | 'warn' | undefined;
  let actual: string | undefined;
  if (!probe) {
    notes.push(`Processed once? That cannot be seen from outside: check the handler's log or data for ${id !== undefined ? `delivery ${id}` : 'this event'} (it should have been processed one time), or name a side effect for the check to read.`);
  } else if (before !== undefined && afterFirst === undefined) {
    status = 'warn';
    actual = `the side effect (${probe.description}) did not change within ${ctx.settleMs} ms of the first delivery`;
    notes.push(`Processed once? Unknown: ${actual}; is the probe reading what the handler changes?`);
  } else if (id === undefined) {
    notes.push('Processed once? Not judged: without a delivery id the retry cannot be told from a new event.');
  } else if (before !== undefined && afterFirst !== undefined) {
    // Give the retry at least as long as the first delivery took to show, and a margin.
    await delay(Math.min(ctx.settleMs, firstTookMs * 2 + 500), ctx.signal);
    const afterRetry = await readProbe(probe, notes, 'after the retry');
    notes.push(`Side effect (${probe.description}): ${JSON.stringify(before)} before, ${JSON.stringify(afterFirst)} after the delivery, ${JSON.stringify(afterRetry)} after the retry.`);
    if (afterRetry !== undefined && afterRetry !== afterFirst) {
      status = 'fail';
      actual = `the retry was processed again: the side effect changed from ${JSON.stringify(afterFirst)} to ${JSON.stringify(afterRetry)}`;
    }
  }
  const statuses = exchanges.map((e) => e.response?.status ?? e.error?.code).join(' and ');
  const outcome: PracticeOutcome = { applicable: true, exchanges, summary: `${statuses}${probe && !status ? ', processed once' : ''}`, notes };
  if (status && exchanges.every((e) => e.verdict === 'pass')) return { ...outcome, status, actual };
  return outcome;
}

async function readProbe(probe: SideEffectProbe, notes: string[], when: string): Promise<string | undefined> {
  try {
    return await probe.read();
  } catch (error) {
    notes.push(`Could not read the side effect ${when}: ${error instanceof Error ? error.message : String(error)}.`);
    return undefined;
  }
}

/** Polls until the probe reads something other than `before`; undefined when it never does within `withinMs`. */
async function changedFrom(probe: SideEffectProbe, before: string, withinMs: number, signal: AbortSignal | undefined): Promise<string | undefined> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const now = await probe.read().catch(() => before);
    if (now !== before) return now;
    if (Date.now() >= deadline || signal?.aborted) return undefined;
    await delay(POLL_MS, signal);
  }
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
