import type { ProviderHandshake } from '../providers/providerDefinition';
import { formatSeconds } from '../testEvents/providerRetry';
import type { Answer, Expectation } from './exchange';

const is2xx = (status: number) => status >= 200 && status < 300;
const is4xx = (status: number) => status >= 400 && status < 500;

function noAnswer(answer: Extract<Answer, { ok: false }>): string {
  return answer.error === 'ETIMEDOUT' ? 'no answer within the time allowed (timed out)' : `no answer (${answer.error}: ${answer.message})`;
}

/** 2xx within the provider's timeout; a warning above half of it. */
export function acknowledged(timeoutMs: number): Expectation {
  const half = timeoutMs / 2;
  return {
    describe: `2xx within ${formatSeconds(timeoutMs)} (under ${formatSeconds(half)} to be safe)`,
    judge(answer) {
      if (!answer.ok) return { verdict: 'fail', note: noAnswer(answer) };
      if (!is2xx(answer.status)) return { verdict: 'fail', note: `answered ${answer.status}, which the provider counts as a failed delivery` };
      if (answer.durationMs > half) return { verdict: 'warn', note: `${Math.round(answer.durationMs)} ms is over half the provider's ${formatSeconds(timeoutMs)}` };
      return { verdict: 'pass' };
    },
  };
}

/** Refused with a 4xx: never accepted (2xx) and never a 5xx, which makes providers retry. */
export function refused(): Expectation {
  return {
    describe: '4xx (401, 403 or 400)',
    judge(answer) {
      if (!answer.ok) return { verdict: 'fail', note: noAnswer(answer) };
      if (is2xx(answer.status)) return { verdict: 'fail', note: `accepted with ${answer.status}` };
      if (answer.status >= 500) return { verdict: 'fail', note: `${answer.status}: a 5xx makes the sender retry instead of giving up` };
      if (!is4xx(answer.status)) return { verdict: 'fail', note: `answered ${answer.status}` };
      return { verdict: 'pass' };
    },
  };
}

/** Exactly this status (Discord removes an endpoint that answers its bad-signature PING with anything but 401). */
export function exactly(status: number, why: string): Expectation {
  return {
    describe: `${status} (${why})`,
    judge(answer) {
      if (!answer.ok) return { verdict: 'fail', note: noAnswer(answer) };
      return answer.status === status ? { verdict: 'pass' } : { verdict: 'fail', note: `answered ${answer.status}` };
    },
  };
}

/** 400 for a body that does not parse; another 4xx is a warning, 2xx and 5xx fail. */
export function badRequest(): Expectation {
  return {
    describe: '400',
    judge(answer) {
      if (!answer.ok) return { verdict: 'fail', note: noAnswer(answer) };
      if (answer.status === 400) return { verdict: 'pass' };
      if (is2xx(answer.status)) return { verdict: 'fail', note: `accepted with ${answer.status}: the event is lost without a trace` };
      if (answer.status >= 500) return { verdict: 'fail', note: `${answer.status}: a 5xx makes the sender retry a body that can never parse` };
      if (is4xx(answer.status)) return { verdict: 'warn', note: `answered ${answer.status}; 400 says what is wrong` };
      return { verdict: 'fail', note: `answered ${answer.status}` };
    },
  };
}

/** 405 to another method; another 4xx is a warning. */
export function methodNotAllowed(): Expectation {
  return {
    describe: '405 (Method Not Allowed)',
    judge(answer) {
      if (!answer.ok) return { verdict: 'fail', note: noAnswer(answer) };
      if (answer.status === 405) return { verdict: 'pass' };
      if (is4xx(answer.status)) return { verdict: 'warn', note: `answered ${answer.status}; 405 with Allow: POST says what is wrong` };
      return { verdict: 'fail', note: is2xx(answer.status) ? `accepted with ${answer.status}` : `answered ${answer.status}` };
    },
  };
}

/** 413 (or 400) to a body over the limit; dropping the connection is a warning. */
export function tooLarge(limitBytes: number): Expectation {
  return {
    describe: `413 (or 400) for a body over ${limitBytes} bytes`,
    judge(answer) {
      if (!answer.ok) {
        if (answer.error === 'ECONNRESET' || answer.error === 'EPIPE') {
          return { verdict: 'warn', note: `the connection was closed without an answer (${answer.error}); a 413 tells the sender why` };
        }
        return { verdict: 'fail', note: noAnswer(answer) };
      }
      if (answer.status === 413 || answer.status === 400) return { verdict: 'pass' };
      if (is2xx(answer.status)) return { verdict: 'fail', note: `accepted a ${limitBytes + 1}-byte body with ${answer.status}` };
      if (is4xx(answer.status)) return { verdict: 'warn', note: `answered ${answer.status}; 413 says what is wrong` };
      return { verdict: 'fail', note: `answered ${answer.status}` };
    },
  };
}

/** The answer the provider's handshake asks for. */
export function handshakeAnswered(handshake: ProviderHandshake, challenge: string): Expectation {
  return {
    describe: handshake.expectedAnswer,
    judge(answer) {
      if (!answer.ok) return { verdict: 'fail', note: noAnswer(answer) };
      return handshake.accepts({ status: answer.status, body: answer.body }, challenge)
        ? { verdict: 'pass' }
        : { verdict: 'fail', note: `answered ${answer.status} with ${answer.body === '' ? 'an empty body' : JSON.stringify(answer.body.slice(0, 120))}` };
    },
  };
}
