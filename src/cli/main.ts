// `webhook-workbench`: the endpoint check and test events outside VS Code, for CI. The CLI imports
// core modules directly rather than through src/core/index.ts, so its bundle leaves out what it never
// uses (the tunnel client and its HTTP library).
import { EndpointCheckError } from '../core/check/runEndpointCheck';
import { ResignError } from '../core/signatures/resign';
import { parseArguments, UsageError, type OptionSpec } from './cliArguments';
import { checkCommand, type CliIo } from './checkCommand';
import { keygenCommand, providersCommand } from './infoCommands';
import { sendCommand } from './sendCommand';

const OPTIONS: Record<string, OptionSpec> = {
  url: { value: true },
  provider: { value: true },
  'secret-env': { value: true },
  'public-url': { value: true },
  event: { value: true },
  'delivery-id': { value: true },
  'timeout-ms': { value: true },
  burst: { value: true },
  'max-body-bytes': { value: true },
  'side-effect-url': { value: true },
  'side-effect-command': { value: true },
  'custom-provider': { value: true },
  practice: { value: true },
  json: { value: false },
  verbose: { value: false },
  help: { value: false },
};

export const USAGE = `Usage:
  webhook-workbench check --url URL --provider ID --secret-env VAR [options]
      Sends real deliveries to your webhook handler and checks nine practices; exits 1 if one fails.
      --public-url URL          the URL the handler believes it is at (Twilio, Square, HubSpot sign it)
      --event NAME              the sample event to build deliveries from (default: the provider's most common)
      --max-body-bytes N        your handler's body limit: practice 8 sends N+1 bytes and expects 413
      --timeout-ms N            hold the handler to N ms instead of the provider's timeout
      --burst N                 deliveries sent back to back in practice 6 (default 10)
      --side-effect-url URL     GET it before and after a delivery and its retry, to see the retry is processed once
      --side-effect-command CMD the same with a shell command's output (e.g. a row count)
      --practice LIST           only these practices: 1,3 or valid-delivery,stale-timestamps
      --custom-provider JSON    a custom HMAC provider (JSON or @file.json), then --provider custom:<id>
      --json                    the full report, with every request and answer, as JSON
      --verbose                 print every request and answer
  webhook-workbench send --url URL --provider ID --secret-env VAR [--event NAME] [--delivery-id ID] [--json]
      Sends one signed sample event and says what the provider would make of the answer.
  webhook-workbench keygen --provider discord|sendgrid
      A test key pair for providers that sign with their own private key: the handler gets the public
      key, --secret-env names a variable holding the private key.
  webhook-workbench providers
      Lists the providers, their timeouts and sample events, and the practices.

The secret is read from the environment variable --secret-env names, never from the command line.`;

export async function main(argv: readonly string[], io: CliIo, signal: AbortSignal): Promise<number> {
  try {
    const args = parseArguments(argv, OPTIONS);
    if (args.flags.has('help') || args.command === undefined || args.command === 'help') {
      io.out(USAGE);
      return args.command === undefined && !args.flags.has('help') ? 2 : 0;
    }
    switch (args.command) {
      case 'check':
        return await checkCommand(args, io, signal);
      case 'send':
        return await sendCommand(args, io);
      case 'keygen':
        return keygenCommand(args, io);
      case 'providers':
        return providersCommand(io);
      default:
        throw new UsageError(`Unknown command "${args.command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof EndpointCheckError || error instanceof ResignError) {
      io.err(`webhook-workbench: ${error.message}`);
      if (error instanceof UsageError) io.err('Run "webhook-workbench --help" for the options.');
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io: CliIo = { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`), env: process.env };
  main(process.argv.slice(2), io, controller.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`webhook-workbench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
