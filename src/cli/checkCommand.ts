import { PRACTICES, type PracticeId } from '../core/check/practiceCatalog';
import { formatCheckReport, formatPracticeResult } from '../core/check/reportText';
import { runEndpointCheck } from '../core/check/runEndpointCheck';
import { positiveInteger, required, UsageError, type ParsedArguments } from './cliArguments';
import { customProvidersOf, providerOf, samplesFolder, secretOf, sideEffectOf } from './cliSetup';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** `check`: runs the endpoint check; exit 1 when a practice fails. */
export async function checkCommand(args: ParsedArguments, io: CliIo, signal: AbortSignal): Promise<number> {
  const customProviders = customProvidersOf(args);
  const definition = providerOf(args, customProviders);
  const json = args.flags.has('json');
  if (!json) io.out(`Checking ${required(args, 'url')} as ${definition.name}…`);
  const report = await runEndpointCheck({
    url: required(args, 'url'),
    provider: definition.id,
    key: secretOf(args, io.env),
    customProviders,
    publicUrl: args.values.get('public-url'),
    samplesFolder: samplesFolder(),
    event: args.values.get('event'),
    responseTimeoutMs: positiveInteger(args, 'timeout-ms'),
    burstSize: positiveInteger(args, 'burst'),
    oversizedBodyBytes: positiveInteger(args, 'max-body-bytes'),
    sideEffect: sideEffectOf(args),
    practices: practicesOf(args),
    signal,
    onPractice: json ? undefined : (event) => {
      if (event.kind === 'finished') io.out(formatPracticeResult(event.result, { exchanges: args.flags.has('verbose') }).join('\n'));
    },
  });
  if (json) io.out(JSON.stringify(report, null, 2));
  else io.out(formatCheckReport(report).split('\n').slice(-1)[0]);
  if (report.outcome === 'cancelled') return 130;
  return report.outcome === 'fail' ? 1 : 0;
}

/** `--practice 1,3` or `--practice valid-delivery,stale-timestamps`. */
function practicesOf(args: ParsedArguments): PracticeId[] | undefined {
  const given = args.values.get('practice');
  if (given === undefined) return undefined;
  return given.split(',').map((token) => {
    const wanted = token.trim();
    const practice = PRACTICES.find((p) => p.id === wanted || String(p.number) === wanted);
    if (!practice) throw new UsageError(`Unknown practice "${wanted}"; use 1-9 or ${PRACTICES.map((p) => p.id).join(', ')}.`);
    return practice.id;
  });
}
