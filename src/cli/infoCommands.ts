import { PRACTICES } from '../core/check/practiceCatalog';
import { findProvider } from '../core/providers/providerLookup';
import { BUILT_IN_PROVIDERS } from '../core/providers/registry';
import { responseTimeoutOf } from '../core/testEvents/providerRetry';
import { readSampleEvents } from '../core/testEvents/sampleEvents';
import { UsageError, required, type ParsedArguments } from './cliArguments';
import type { CliIo } from './checkCommand';
import { samplesFolder } from './cliSetup';

/** `keygen`: a test key pair for a provider that signs with its own private key (Discord, SendGrid). */
export function keygenCommand(args: ParsedArguments, io: CliIo): number {
  const id = required(args, 'provider');
  const definition = findProvider(id);
  if (!definition) throw new UsageError(`Unknown provider "${id}".`);
  if (definition.signing.kind !== 'private-key') throw new UsageError(`${definition.name} signs with a shared secret; there is no key pair to make.`);
  const { testKeys } = definition.signing;
  const pair = testKeys.generate();
  if (args.flags.has('json')) {
    io.out(JSON.stringify(pair, null, 2));
    return 0;
  }
  io.out(`# A ${testKeys.algorithm} test key pair for ${definition.name}.`);
  io.out(`# Configure the handler under test with the public key, as ${testKeys.publicKeyDescription}:`);
  io.out(pair.publicKey);
  io.out('# Keep the private key in an environment variable and pass its name with --secret-env:');
  io.out(pair.privateKey.trimEnd());
  return 0;
}

/** `providers`: every provider, its timeout, its sample events. */
export function providersCommand(io: CliIo): number {
  const { samples } = readSampleEvents(samplesFolder());
  for (const id of BUILT_IN_PROVIDERS) {
    const definition = findProvider(id)!;
    const timeout = responseTimeoutOf(definition);
    const events = samples.filter((s) => s.provider === id).map((s) => s.event);
    io.out(`${id.padEnd(18)} ${definition.name}; timeout ${timeout.ms / 1000} s${timeout.documented ? '' : ' (none documented)'}; samples: ${events.join(', ')}`);
  }
  io.out('');
  io.out('Practices:');
  for (const practice of PRACTICES) io.out(`  ${practice.number}. ${practice.id}: ${practice.expectation}`);
  return 0;
}
