import { formatSeconds } from '../testEvents/providerRetry';
import type { EndpointCheckReport, ExchangeRecord, PracticeResult, PracticeStatus } from './checkReport';

const MARKS: Record<PracticeStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', 'not-applicable': 'N/A ' };

/** The report as plain text: one line per practice, then hints and notes; with `exchanges`, every request and answer. */
export function formatCheckReport(report: EndpointCheckReport, options: { exchanges?: boolean } = {}): string {
  const lines = [
    `Endpoint check: ${report.url} as ${report.providerName}`,
    `Sample: ${report.sample}; timeout ${formatSeconds(report.timeoutMs)}${report.timeoutDocumented ? '' : ` (${report.providerName} documents none)`}`,
    '',
  ];
  for (const result of report.results) {
    lines.push(...formatPracticeResult(result, options));
  }
  const counts = (['pass', 'warn', 'fail', 'not-applicable'] as const).map((s) => `${report.results.filter((r) => r.status === s).length} ${s === 'not-applicable' ? 'not applicable' : s === 'pass' ? 'passed' : s === 'warn' ? 'with warnings' : 'failed'}`);
  lines.push('', `${report.outcome === 'cancelled' ? 'Cancelled' : report.outcome === 'pass' ? 'Passed' : 'Failed'}: ${counts.join(', ')} (${(report.durationMs / 1000).toFixed(1)} s).`);
  return lines.join('\n');
}

export function formatPracticeResult(result: PracticeResult, options: { exchanges?: boolean } = {}): string[] {
  const lines = [`${MARKS[result.status]} ${result.number}. ${result.title}: ${result.summary}`];
  if (result.status === 'fail' || result.status === 'warn') {
    if (result.actual && result.actual.includes('\n')) for (const line of result.actual.split('\n')) lines.push(`       - ${line}`);
    if (result.hint) lines.push(`       fix: ${result.hint}`);
  }
  for (const note of result.notes) lines.push(`       note: ${note}`);
  if (options.exchanges) for (const record of result.exchanges) lines.push(...formatExchange(record).split('\n').map((l) => `       ${l}`));
  return lines;
}

/** One exchange as an HTTP transcript: the request line and headers, a body excerpt, then the answer. */
export function formatExchange(record: ExchangeRecord): string {
  const { request } = record;
  const lines = [`--- ${record.label} (expected ${record.expected}; ${record.verdict}${record.note ? `: ${record.note}` : ''})`];
  lines.push(`> ${request.method} ${request.url}`);
  for (const [name, value] of request.headers) lines.push(`> ${name}: ${value}`);
  if (request.bodyBytes > 0) lines.push(`> (${request.bodyBytes} bytes) ${oneLine(request.bodyExcerpt, 200)}`);
  if (record.response) {
    lines.push(`< ${record.response.status} after ${Math.round(record.durationMs)} ms`);
    for (const [name, value] of record.response.headers) lines.push(`< ${name}: ${value}`);
    if (record.response.bodyBytes > 0) lines.push(`< (${record.response.bodyBytes} bytes) ${oneLine(record.response.bodyExcerpt, 200)}`);
  } else {
    lines.push(`< no answer after ${Math.round(record.durationMs)} ms: ${record.error?.code} ${record.error?.message ?? ''}`);
  }
  return lines.join('\n');
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
