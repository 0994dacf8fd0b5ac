import type { DeliveryIdRule, FormPayload } from '../../../providers/providerDefinition';
import type { HandlerProvider } from '../handlerProvider';
import type { HandlerSpec } from '../handlerSpec';
import { resolveDeliveryId } from '../pipeline';
import { code, indent, wrap } from '../sourceText';
import { pythonEventNameExpression } from './pythonDispatch';
import { docstringText, pyString } from './pythonSyntax';

/** A docstring of wrapped text at `indentation`, for generated functions. */
export function docstring(text: string, indentation = 4, width = 96): string {
  const pad = ' '.repeat(indentation);
  const lines = wrap(docstringText(text), width - indentation);
  if (lines.length <= 1) return `${pad}"""${lines[0] ?? ''}"""`;
  return [`${pad}"""${lines[0]}`, ...lines.slice(1).map((l) => `${pad}${l}`), `${pad}"""`].join('\n');
}

/** `Delivery`, `Reception` and `Payload`: what the adapter and the pipeline exchange. */
export function pythonDeliveryTypes(answersText: boolean): string {
  const text = answersText
    ? '\n        # A document to answer with instead of JSON (Twilio wants TwiML), and its type.\n        text: str | None = None\n        content_type: str = "application/json"'
    : '';
  return code`
    @dataclass(frozen=True)
    class Delivery:
        """One request as it arrived: the exact bytes, which the signature covers, and its headers."""

        method: str
        url: str  # path and query as received
        raw_body: bytes
        header: Callable[[str], str | None]


    @dataclass(frozen=True)
    class Reception:
        """The answer to send now, and the work to run once it has been sent."""

        status: int
        body: dict[str, object] | None = None${text}
        work: Callable[[], None] | None = None


    Payload: TypeAlias = dict[str, object] | list[object]
    """A parsed body: a JSON object or array, or a form's fields."""`;
}

/** `receive_delivery`: verify, parse, claim the delivery id, and hand back the answer and the work. */
export function pythonReceiveSection(spec: HandlerSpec, provider: HandlerProvider): string {
  const fragment = provider.python;
  const form = provider.payloadFormat.form;
  const parts: string[] = [];
  parts.push(code`
    secret = os.environ.get(SECRET_ENV_VAR)
    if not secret:
        logger.error("%s is not set: refusing webhook deliveries until it is.", SECRET_ENV_VAR)
        return Reception(500, {"error": "webhook secret not configured"})`);
  if (fragment.helpers.includes('public_url')) {
    parts.push(code`
      if not os.environ.get(PUBLIC_ORIGIN_ENV_VAR):
          logger.error("%s is not set: the signed URL cannot be rebuilt.", PUBLIC_ORIGIN_ENV_VAR)
          return Reception(500, {"error": "public URL not configured"})`);
  }
  parts.push(code`
    if not verify_signature(delivery, secret):
        return Reception(401, {"error": "invalid signature"})
    parsed = parse_payload(delivery)
    if isinstance(parsed, str):
        return Reception(400, {"error": parsed})`);
  parts.push(!form ? 'payload = parsed' : usesForm(provider) ? 'payload, form = parsed' : 'payload, _ = parsed');
  if (fragment.afterParse) parts.push(fragment.afterParse);

  const { accepted, duplicate } = pythonAnswers(provider);
  const id = resolveDeliveryId(spec, provider);
  if (id.kind === 'none') {
    parts.push(wrap(id.reason, 96).map((line) => `# ${line}`).join('\n'));
  } else {
    parts.push(code`
      delivery_id = delivery_id_of(delivery, payload)
      claim = None if delivery_id is None else deliveries.begin(delivery_id)
      if delivery_id is not None and claim is None:
          return ${duplicate}`);
  }
  const eventName = pythonEventNameExpression(spec);
  if (eventName !== undefined) parts.push(`event_name = ${eventName}`);
  const call = eventName === undefined ? 'dispatch(payload)' : 'dispatch(payload, event_name)';
  parts.push('', 'def work() -> None:', `    ${id.kind === 'none' ? call : `process_once(claim, lambda: ${call})`}`, '');
  const singleCall = accepted.startsWith('Reception(') && !accepted.includes(' if ');
  parts.push(singleCall ? `return ${accepted.slice(0, -1)}, work=work)` : `return replace(${accepted}, work=work)`);
  const unknownNote = provider.known ? '' : ' (always, until verify_signature is written)';
  return [
    'def receive_delivery(delivery: Delivery) -> Reception:',
    docstring(
      `Decides the answer to one delivery: 401 unless the signature verifies${unknownNote}, 400 unless the body parses, a plain 2xx for a delivery already processed or being processed, and otherwise a 2xx plus the work to run.`,
    ),
    indent(parts.join('\n'), 4),
  ].join('\n');
}

/** Whether the answer depends on whether the delivery came as a form. */
export function usesForm(provider: HandlerProvider): boolean {
  const form = provider.payloadFormat.form;
  return form !== null && (provider.python.acceptedAnswer !== undefined || form.answer.kind !== 'json');
}

/** The Python expressions of the answer to an accepted delivery and to one already processed. */
function pythonAnswers(provider: HandlerProvider): { accepted: string; duplicate: string } {
  if (provider.python.acceptedAnswer) {
    const call = `accepted_answer(payload, ${provider.payloadFormat.form ? 'form' : 'False'})`;
    return { accepted: call, duplicate: call };
  }
  const json = provider.ackStatus === 204
    ? { accepted: 'Reception(204)', duplicate: 'Reception(204)' }
    : { accepted: 'Reception(200, {"received": True})', duplicate: 'Reception(200, {"received": True, "duplicate": True})' };
  const form = provider.payloadFormat.form;
  if (!form || form.answer.kind === 'json') return json;
  const formAnswer = form.answer.kind === 'empty' ? 'Reception(200)' : 'FORM_ANSWER';
  return { accepted: `${formAnswer} if form else ${json.accepted}`, duplicate: `${formAnswer} if form else ${json.duplicate}` };
}

/** `FORM_ANSWER`, the document a form delivery is answered with, when the provider wants one. */
export function pythonFormAnswerConstant(form: FormPayload | null): string | undefined {
  if (form?.answer.kind !== 'text') return undefined;
  const answer = `FORM_ANSWER = Reception(200, text=${pyString(form.answer.body)}, content_type=${pyString(form.answer.contentType)})`;
  return `${wrap(form.answer.note, 96).map((line) => `# ${line}`).join('\n')}\n${answer}`;
}

/** `parse_payload`: JSON, and for providers that post forms, the form's JSON field or its fields. */
export function pythonParsePayload(form: FormPayload | null): string {
  if (!form) {
    return code`
      def parse_payload(delivery: Delivery) -> Payload | str:
          """The payload: a JSON object or array. A string says why the body does not parse."""
          payload = parse_json(delivery.raw_body)
          return payload if payload is not None else "body is not a JSON object or array"`;
  }
  const formLines: string[] = [
    'try:',
    '    fields: dict[str, object] = dict(parse_qsl(delivery.raw_body.decode("utf-8"), keep_blank_values=True))',
    'except UnicodeDecodeError:',
    '    return "the form is not UTF-8"',
  ];
  if (form.jsonField !== null) {
    formLines.push(
      `embedded = fields.get(${pyString(form.jsonField)})`,
      'if isinstance(embedded, str):',
      '    payload = parse_json(embedded)',
      `    return (payload, True) if payload is not None else ${pyString(`the ${form.jsonField} field of the form is not a JSON object or array`)}`,
    );
  }
  formLines.push(form.fields ? 'return (fields, True)' : `return ${pyString(`a form delivery must carry the payload in its ${form.jsonField ?? 'payload'} field`)}`);
  const what = form.jsonField !== null ? `the JSON in its ${form.jsonField} field${form.fields ? ', else its fields' : ''}` : 'its fields, every value a string';
  return [
    'def parse_payload(delivery: Delivery) -> tuple[Payload, bool] | str:',
    docstring(
      `The payload, and whether it came as a form: JSON, or for a form (application/x-www-form-urlencoded) ${what}. A string says why the body does not parse.`,
    ),
    '    if (delivery.header("content-type") or "").lower().startswith("application/x-www-form-urlencoded"):',
    indent(formLines.join('\n'), 8),
    '    payload = parse_json(delivery.raw_body)',
    '    return (payload, False) if payload is not None else "body is not a JSON object or array"',
  ].join('\n');
}

/** `delivery_id_of`: the provider's delivery-id rule as Python, reading what the extension's badge reads. */
export function pythonDeliveryIdFunction(rule: DeliveryIdRule, providerName: string): string | undefined {
  const tuple = (names: readonly string[]) => `(${names.map(pyString).join(', ')}${names.length === 1 ? ',' : ''})`;
  const head = 'def delivery_id_of(delivery: Delivery, payload: Payload) -> str | None:';
  switch (rule.kind) {
    case 'header':
      return [
        head,
        docstring(`The id ${providerName} repeats when it delivers the same event again: the first of ${rule.headers.join(', ')} that is set.`),
        `    for name in ${tuple(rule.headers)}:`,
        '        value = (delivery.header(name) or "").strip()',
        '        if value:',
        '            return value',
        '    return None',
      ].join('\n');
    case 'field':
      return [
        head,
        docstring(`The id ${providerName} repeats when it delivers the same event again: the first of the payload's ${rule.fields.join(', ')} that is set.`),
        '    if not isinstance(payload, dict):',
        '        return None',
        `    for field in ${tuple(rule.fields)}:`,
        '        value = id_text(payload.get(field))',
        '        if value is not None:',
        '            return value',
        '    return None',
      ].join('\n');
    case 'batch':
      return [
        head,
        docstring(
          `${providerName} batches events and gives the request no id of its own: the ids of its events (${rule.field}), joined, name a redelivery of the same batch. A retry may group events differently, so make each event's work idempotent on its ${rule.field} too.`,
        ),
        '    ids: list[str] = []',
        '    for event in payload if isinstance(payload, list) else [payload]:',
        `        value = id_text(cast(dict[str, object], event).get(${pyString(rule.field)})) if isinstance(event, dict) else None`,
        '        if value is None:',
        '            return None',
        '        ids.append(value)',
        '    return ",".join(ids) if ids else None',
      ].join('\n');
    case 'none':
      return undefined;
  }
}

export const PYTHON_IDEMPOTENCY_NOTE =
  'Each delivery id runs its function at most once: it is recorded as done only after the function succeeds, a redelivery that arrives while it is still running is answered 2xx without running it again, and a failure forgets the id so a redelivery runs it again. A function still running after PROCESSING_LIMIT_SECONDS is taken for hung: a redelivery then runs it again.';

export const PYTHON_DELIVERY_LEDGER = code`
  @dataclass(frozen=True)
  class DeliveryClaim:
      """A delivery id claimed for one run of its function, until the processing limit."""

      delivery_id: str
      until: float


  class DeliveryLedger:
      """Delivery ids being processed, or processed recently, so each delivery's function runs once.

      - an id is recorded as done only after its function has succeeded;
      - a redelivery that arrives while the function is still running is answered 2xx and not run;
      - a failure forgets the id, so a redelivery runs the function again (the sender already had
        its 2xx, so that takes a manual redelivery or a later retry of the same delivery id);
      - a claim lasts PROCESSING_LIMIT_SECONDS: a function still running then is taken for hung, and a
        redelivery runs it again instead of being refused for as long as a done id is remembered;
        if the hung run fails after that, the redelivery's claim stands.

      This lives in one process's memory: with several processes (gunicorn workers), or to survive
      restarts, keep the ids in a shared store instead, e.g. Redis: \`\`SET webhook:<id> <random token> NX
      EX 3600\`\` to claim (whoever sets it processes the delivery), \`\`SET webhook:<id> done EX 86400\`\`
      on success, and on failure \`\`DEL\`\` only while the value is still your token.
      """

      def __init__(self, ttl_seconds: float, processing_limit_seconds: float) -> None:
          self._ttl = ttl_seconds
          self._processing_limit = processing_limit_seconds
          # Expiry time by id, in the order the entries were set. A claim expires sooner than a done
          # id, so the sweep (which stops at the first entry still live) may keep an expired claim
          # until the done ids before it expire; begin() checks each id's own expiry.
          self._expiries: dict[str, float] = {}
          self._lock = threading.Lock()

      def begin(self, delivery_id: str) -> DeliveryClaim | None:
          """Claims the id for processing: None if it is being processed (up to the limit) or was processed within the TTL."""
          now = time.monotonic()
          with self._lock:
              expired: list[str] = []
              for seen, expires_at in self._expiries.items():
                  if expires_at > now:
                      break
                  expired.append(seen)
              for seen in expired:
                  del self._expiries[seen]
              expires_at = self._expiries.get(delivery_id)
              if expires_at is not None and expires_at > now:
                  return None
              self._expiries.pop(delivery_id, None)
              claim = DeliveryClaim(delivery_id, now + self._processing_limit)
              self._expiries[delivery_id] = claim.until
              return claim

      def succeeded(self, claim: DeliveryClaim) -> None:
          """The function succeeded: the id is done, and stays so for the TTL from now."""
          with self._lock:
              self._expiries.pop(claim.delivery_id, None)
              self._expiries[claim.delivery_id] = time.monotonic() + self._ttl

      def failed(self, claim: DeliveryClaim) -> None:
          """The function failed: forget the id, so a redelivery runs it again, unless a redelivery has claimed it since."""
          with self._lock:
              if self._expiries.get(claim.delivery_id) == claim.until:
                  del self._expiries[claim.delivery_id]


  deliveries = DeliveryLedger(DEDUPE_TTL_SECONDS, PROCESSING_LIMIT_SECONDS)


  def process_once(claim: DeliveryClaim | None, work: Callable[[], None]) -> None:
      """Runs a delivery's function, then records its id as done; a failure gives up the claim and is re-raised."""
      try:
          work()
      except BaseException:
          if claim is not None:
              deliveries.failed(claim)
          raise
      if claim is not None:
          deliveries.succeeded(claim)`;
