import { resendRequest } from '../core/forward/replayCapture';
import { explainProviderAnswer } from '../core/testEvents/providerRetry';
import { genericSampleEvent, readSampleEvents } from '../core/testEvents/sampleEvents';
import { buildTestDelivery } from '../core/testEvents/testDelivery';
import { required, UsageError, type ParsedArguments } from './cliArguments';
import type { CliIo } from './checkCommand';
import { customProvidersOf, providerOf, samplesFolder, secretOf } from './cliSetup';

/** `send`: one signed sample event to a URL, the answer printed; exit 1 unless the provider would count it delivered. */
export async function sendCommand(args: ParsedArguments, io: CliIo): Promise<number> {
  const customProviders = customProvidersOf(args);
  const definition = providerOf(args, customProviders);
  const { samples } = readSampleEvents(samplesFolder(), definition.id);
  const wanted = args.values.get('event');
  const sample = wanted === undefined ? (samples.find((s) => !s.handshake) ?? genericSampleEvent(definition)) : samples.find((s) => s.event === wanted);
  if (!sample) throw new UsageError(`No ${definition.name} sample event "${wanted}"; there are: ${samples.map((s) => s.event).join(', ') || 'none'}.`);
  const chosenId = args.values.get('delivery-id');
  const delivery = buildTestDelivery({
    definition,
    template: sample,
    targetUrl: required(args, 'url'),
    publicUrl: args.values.get('public-url'),
    key: secretOf(args, io.env),
    now: Date.now(),
    deliveryId: chosenId !== undefined ? { id: chosenId } : 'fresh',
    customProviders,
  });
  const result = await resendRequest(delivery);
  const verdict = explainProviderAnswer(definition, result);
  if (args.flags.has('json')) {
    io.out(JSON.stringify({ event: sample.event, deliveryId: delivery.deliveryId, request: { method: delivery.method, url: delivery.url }, result, verdict }, null, 2));
  } else {
    io.out(`Sent ${definition.name} ${sample.event}${delivery.deliveryId ? ` (delivery ${delivery.deliveryId})` : ''} to ${delivery.url}`);
    io.out(result.ok ? `Answer: ${result.status} in ${Math.round(result.latencyMs)} ms${result.bodyExcerpt ? `: ${result.bodyExcerpt.slice(0, 300)}` : ''}` : `No answer: ${result.error} (${result.message})`);
    io.out(verdict.summary);
    for (const line of verdict.consequences) io.out(`  ${line}`);
  }
  return verdict.delivered ? 0 : 1;
}
