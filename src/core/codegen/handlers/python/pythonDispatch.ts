import { eventFields, eventHeaderNames } from '../../../providers/eventName';
import { narrowingField } from '../dispatch';
import type { HandlerSpec } from '../handlerSpec';
import { indent } from '../sourceText';
import { docstring } from './pythonPipeline';
import { isPythonName, pythonHandlerNames, pyString } from './pythonSyntax';

interface PythonEventFunction {
  eventName: string;
  functionName: string;
  typeName: string;
}

function eventFunctions(spec: HandlerSpec): PythonEventFunction[] {
  if (spec.eventSource.kind === 'none') return [{ eventName: '', functionName: 'on_delivery', typeName: spec.rootTypeName }];
  const names = pythonHandlerNames(spec.events.map((e) => e.name));
  return spec.events.map((e, i) => ({ eventName: e.name, functionName: names[i] ?? 'on_event', typeName: e.typeName }));
}

/** The per-event functions, where the developer's code goes; `batch` names the parameter of an array payload `events`. */
export function pythonHandlersSection(spec: HandlerSpec, batch: boolean): string {
  const intro = [
    '# One function per event, run after the delivery has been acknowledged: put your code here.',
    '# A function that raises is logged, and a redelivery of the same delivery id runs it again.',
  ].join('\n');
  const functions = eventFunctions(spec).map((f) => {
    const parameter = batch && !f.eventName ? 'events' : 'event';
    const label = f.eventName || (batch ? 'a batch of events' : 'a delivery');
    return [
      `def ${f.functionName}(${parameter}: ${f.typeName}) -> None:`,
      docstring(f.eventName ? `Runs for each ${f.eventName} delivery.` : `Runs for each delivery${batch ? ' (a batch of events)' : ''}.`),
      `    logger.info(${pyString(`Received ${label}: %s`)}, ${parameter})`,
    ].join('\n');
  });
  return [intro, ...functions].join('\n\n\n');
}

/** `dispatch`: calls the event's function, narrowing the payload union where the payload names its event. */
export function pythonDispatchSection(spec: HandlerSpec, providerName: string): string {
  const functions = eventFunctions(spec);
  if (spec.eventSource.kind === 'none') {
    const only = functions[0];
    return [
      'def dispatch(payload: Payload) -> None:',
      '    """Calls the function every delivery goes to."""',
      `    ${only.functionName}(cast(${only.typeName}, payload))`,
    ].join('\n');
  }
  const unhandled = `logger.warning(${pyString(`No handler for ${providerName.replace(/%/g, '%%')} event %r: acknowledged and ignored.`)}, event_name)`;
  const field = narrowingField(spec);
  // A union of one type cannot be narrowed (the comparison would always be true): switch on the name.
  if (field !== undefined && functions.length > 1) {
    const subscript = `event[${pyString(field)}]`;
    const branches = functions.map((f, i) => `${i === 0 ? 'if' : 'elif'} ${subscript} == ${pyString(f.eventName)}:\n    ${f.functionName}(event)`);
    return [
      'def dispatch(payload: Payload, event_name: str | None) -> None:',
      docstring(
        `Calls the function for the delivery's event. ${spec.rootTypeName} is a union of TypedDicts told apart by their ${field}, so each comparison narrows event to that event's type.`,
      ),
      `    event = cast(${spec.rootTypeName}, payload)`,
      indent([...branches, `else:\n    ${unhandled}`].join('\n'), 4),
    ].join('\n');
  }
  const branches = functions.map(
    (f, i) => `${i === 0 ? 'if' : 'elif'} event_name == ${pyString(f.eventName)}:\n    ${f.functionName}(cast(${f.typeName}, payload))`,
  );
  const where = spec.eventSource.kind === 'header' ? `the ${spec.eventSource.header} header` : 'the payload';
  return [
    'def dispatch(payload: Payload, event_name: str | None) -> None:',
    docstring(`Calls the function for the delivery's event, named by ${where}; the payload is cast to the type captured for that event.`),
    indent([...branches, functions.length ? `else:\n    ${unhandled}` : unhandled].join('\n'), 4),
  ].join('\n');
}

/** The expression, inside `receive_delivery`, that names the delivery's event (undefined for `none`). */
export function pythonEventNameExpression(spec: HandlerSpec): string | undefined {
  const source = spec.eventSource;
  switch (source.kind) {
    case 'header':
      return eventHeaderNames(source).map((name) => `delivery.header(${pyString(name)})`).join(' or ');
    case 'field':
      return source.alternatives?.length ? 'event_name_of(payload)' : `string_field(payload, ${pyString(source.field)})`;
    case 'none':
      return undefined;
  }
}

/** `event_name_of`, for event sources that read several payload fields (Slack, Discord). */
export function pythonEventNameSection(spec: HandlerSpec): string | undefined {
  const source = spec.eventSource;
  if (source.kind !== 'field' || !source.alternatives?.length) return undefined;
  const fields = eventFields(source);
  const entries = fields.map((field) => {
    if (!field.names) return `    (${pyString(field.path)}, None),`;
    const names = Object.entries(field.names).map(([n, name]) => `${n}: ${pyString(name)}`);
    return `    (${pyString(field.path)}, {${names.join(', ')}}),`;
  });
  const named = fields.some((f) => f.names);
  return [
    '# Where a delivery names its event, in order; a number is named through its table.',
    `EVENT_FIELDS: list[tuple[str, dict[int, str] | None]] = [\n${entries.join('\n')}\n]`,
    '',
    '',
    'def event_name_of(payload: Payload) -> str | None:',
    docstring(`The event a delivery names: the first of ${fields.map((f) => f.path).join(', ')} it has${named ? ' (a number named as the provider names it)' : ''}.`),
    '    for path, names in EVENT_FIELDS:',
    '        value = field_value(payload, path)',
    '        if isinstance(value, str) and value:',
    '            return value',
    '        if names is not None and isinstance(value, int) and not isinstance(value, bool) and value in names:',
    '            return names[value]',
    '    return None',
  ].join('\n');
}

/** Throws when an event's type name cannot be a Python name. */
export function checkPythonNames(spec: HandlerSpec): void {
  for (const name of [spec.rootTypeName, ...spec.events.map((e) => e.typeName)]) {
    if (!isPythonName(name)) throw new Error(`Type name is not a Python name: ${JSON.stringify(name)}`);
  }
  const seen = new Set<string>();
  for (const e of spec.events) {
    if (seen.has(e.name)) throw new Error(`Event listed twice: ${JSON.stringify(e.name)}`);
    seen.add(e.name);
  }
}
