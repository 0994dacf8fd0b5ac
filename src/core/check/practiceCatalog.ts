/** The nine practices the endpoint check tests, in the order it runs and reports them. */
export type PracticeId =
  | 'valid-delivery'
  | 'bad-signatures'
  | 'stale-timestamps'
  | 'duplicate-delivery'
  | 'unparsable-json'
  | 'fast-acknowledgement'
  | 'handshake'
  | 'method-and-size'
  | 'secret-rotation';

export interface PracticeInfo {
  id: PracticeId;
  number: number;
  title: string;
  /** What a handler must do, for people. */
  expectation: string;
  /** The one-line fix when it fails. */
  hint: string;
}

export const PRACTICES: readonly PracticeInfo[] = [
  {
    id: 'valid-delivery',
    number: 1,
    title: 'Accepts a valid signed delivery in time',
    expectation: "2xx within the provider's timeout, and well within it (under half)",
    hint: 'Verify the signature on the raw body, answer 2xx at once and do the work after the answer.',
  },
  {
    id: 'bad-signatures',
    number: 2,
    title: 'Refuses bad signatures',
    expectation: 'a tampered body, a wrong secret, a missing or a malformed signature header each get 4xx (401, 403 or 400), never 2xx or 5xx',
    hint: 'Compute the HMAC over the raw request bytes (not re-serialised JSON), compare in constant time, and answer 401 on any mismatch or parse error.',
  },
  {
    id: 'stale-timestamps',
    number: 3,
    title: 'Refuses stale and future timestamps',
    expectation: "a correctly signed delivery whose signed timestamp is past the scheme's tolerance, either way, gets 4xx",
    hint: 'Check the signed timestamp against the clock (for example ±5 minutes) and answer 401 when it is outside.',
  },
  {
    id: 'duplicate-delivery',
    number: 4,
    title: 'Acknowledges a redelivery',
    expectation: 'the same delivery twice (same id, fresh signature, as a provider retry) gets 2xx both times',
    hint: 'Remember delivery ids you have processed; answer 2xx to a repeat without processing it again (never 409 or 5xx).',
  },
  {
    id: 'unparsable-json',
    number: 5,
    title: 'Answers 400 to a signed body that is not JSON',
    expectation: 'a correctly signed body that does not parse gets 400, not 5xx',
    hint: 'Parse inside a try/catch after verifying and answer 400 when the body is not valid JSON.',
  },
  {
    id: 'fast-acknowledgement',
    number: 6,
    title: 'Acknowledges fast, delivery after delivery',
    expectation: "deliveries sent back to back are each answered with 2xx, p95 under half the provider's timeout",
    hint: 'Acknowledge first and queue the work (a job queue, or at least after the response); never block the event loop with synchronous work.',
  },
  {
    id: 'handshake',
    number: 7,
    title: "Answers the provider's handshake",
    expectation: "the provider's verification request gets the answer it asks for",
    hint: "Recognise the provider's verification request after checking its signature and answer it as its documentation says.",
  },
  {
    id: 'method-and-size',
    number: 8,
    title: 'Refuses other methods and oversized bodies',
    expectation: 'a GET gets 405; a body over the size you set gets 413 (or 400)',
    hint: 'Answer 405 (with Allow: POST) to other methods and 413 to bodies over your limit before buffering them.',
  },
  {
    id: 'secret-rotation',
    number: 9,
    title: 'Accepts either secret during a rotation',
    expectation: 'a header with several signatures is accepted when any one of them matches, in any order',
    hint: 'Split the signature header into all its signatures and accept the delivery when any one matches.',
  },
];
