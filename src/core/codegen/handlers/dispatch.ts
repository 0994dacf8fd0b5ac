import { eventFields, eventHeaderNames } from '../../providers/eventName';
import type { HandlerSpec } from './handlerSpec';
import { handlerNames, isIdentifier, propertyAccess, quote } from './identifiers';
import { code, docComment, indent } from './sourceText';

/** One per-event function of the generated `handlers` object. */
interface EventFunction {
  eventName: string;
  functionName: string;
  typeName: string;
}

function eventFunctions(spec: HandlerSpec): EventFunction[] {
  if (spec.eventSource.kind === 'none') {
    return [{ eventName: '', functionName: 'onDelivery', typeName: spec.rootTypeName }];
  }
  const names = handlerNames(spec.events.map((e) => e.name));
  return spec.events.map((e, i) => ({ eventName: e.name, functionName: names[i] ?? 'onEvent', typeName: e.typeName }));
}

/**
 * The `handlers` object: one stub per event, where the developer's code goes. `batch` names the
 * parameter of a provider that posts arrays of events (HubSpot, SendGrid) `events`.
 */
export function handlersSection(spec: HandlerSpec, exported: boolean, batch: boolean): string {
  const stubs = eventFunctions(spec).map((f) => {
    const label = f.eventName || (batch ? 'a batch of events' : 'delivery');
    const parameter = batch && !f.eventName ? 'events' : 'event';
    return code`
      async ${f.functionName}(${parameter}: ${f.typeName}): Promise<void> {
        console.info(${quote(`Received ${label}:`)}, ${parameter});
      },`;
  });
  const doc = exported
    ? code`
      /**
       * One function per event, run after the delivery has been acknowledged: put your code here. A
       * function that throws is logged, and a redelivery of the same delivery id runs it again. The
       * dispatcher calls through this object, so a function can be replaced at run time (in tests, say).
       */`
    : code`
      /**
       * One function per event, run after the delivery has been acknowledged: put your code here. A
       * function that throws is logged, and a redelivery of the same delivery id runs it again.
       * (Next.js lets a route file export only route fields, so this object stays private; move it to
       * its own module if you want to test it.)
       */`;
  return `${doc}\n${exported ? 'export ' : ''}const handlers = {\n${indent(stubs.join('\n\n'), 2)}\n};`;
}

/** The top-level payload field a switch can narrow the payload union on, if the spec has one. */
export function narrowingField(spec: HandlerSpec): string | undefined {
  const source = spec.eventSource;
  return source.kind === 'field' && !source.field.includes('.') && !source.alternatives?.length ? source.field : undefined;
}

/** The `dispatch` function: a switch on the event name that calls the typed function. */
export function dispatchSection(spec: HandlerSpec, providerName: string): string {
  const functions = eventFunctions(spec);
  if (spec.eventSource.kind === 'none') {
    const only = functions[0];
    return code`
      function dispatch(payload: unknown): Promise<void> {
        return handlers.${only.functionName}(payload as ${only.typeName});
      }`;
  }
  const unhandled = `console.warn(\`No handler for ${providerName.replace(/[`\\$]/g, '')} event "\${eventName}": acknowledged and ignored.\`);`;
  const field = narrowingField(spec);
  if (field !== undefined) {
    const cases = functions.map((f) => `case ${quote(f.eventName)}:\n  return handlers.${f.functionName}(event);`);
    const doc = docComment(
      `Calls the function for the delivery's event. \`${spec.rootTypeName}\` is a union discriminated by \`${field}\`, so each case narrows \`event\` to that event's type.`,
    );
    return [
      doc,
      'async function dispatch(payload: unknown, eventName: string | undefined): Promise<void> {',
      `  const event = payload as ${spec.rootTypeName};`,
      `  switch (${propertyAccess('event', field)}) {`,
      indent([...cases, `default:\n  ${unhandled}`].join('\n'), 4),
      '  }',
      '}',
    ].join('\n');
  }
  const cases = functions.map(
    (f) => `case ${quote(f.eventName)}:\n  return handlers.${f.functionName}(payload as ${f.typeName});`,
  );
  const where = spec.eventSource.kind === 'header' ? `the ${spec.eventSource.header} header` : 'the payload';
  const doc = docComment(
    `Calls the function for the delivery's event, named by ${where}; the payload is cast to the type captured for that event.`,
  );
  return [
    doc,
    `async function dispatch(${functions.length ? 'payload' : '_payload'}: unknown, eventName: string | undefined): Promise<void> {`,
    '  switch (eventName) {',
    indent([...cases, `default:\n  ${unhandled}`].join('\n'), 4),
    '  }',
    '}',
  ].join('\n');
}

/** The expression, inside `receiveDelivery`, that names the delivery's event (undefined for `none`). */
export function eventNameExpression(spec: HandlerSpec): string | undefined {
  const source = spec.eventSource;
  switch (source.kind) {
    case 'header':
      return eventHeaderNames(source).map((name) => `delivery.header(${quote(name)})`).join(' ?? ');
    case 'field':
      return source.alternatives?.length ? 'eventNameOf(payload)' : `stringField(payload, ${quote(source.field)})`;
    case 'none':
      return undefined;
  }
}

/** `eventNameOf`, for event sources that read several payload fields (Slack, Discord). */
export function eventNameSection(spec: HandlerSpec): string | undefined {
  const source = spec.eventSource;
  if (source.kind !== 'field' || !source.alternatives?.length) return undefined;
  const fields = eventFields(source);
  const reads = fields.map((field) =>
    field.names
      ? `nameOfNumber(fieldValue(payload, ${quote(field.path)}), {\n${Object.entries(field.names).map(([n, name]) => `  ${n}: ${quote(name)},`).join('\n')}\n})`
      : `nonEmpty(fieldValue(payload, ${quote(field.path)}))`,
  );
  const doc = docComment(
    `The event a delivery names: the first of ${fields.map((f) => `\`${f.path}\``).join(', ')} it has${fields.some((f) => f.names) ? ' (a number named as the provider names it)' : ''}.`,
  );
  return [
    doc,
    'function eventNameOf(payload: unknown): string | undefined {',
    `  return ${indent(reads.join('\n?? '), 4).trimStart()};`,
    '}',
    '',
    code`
      function fieldValue(payload: unknown, path: string): unknown {
        let value = payload;
        for (const key of path.split('.')) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
          value = (value as Record<string, unknown>)[key];
        }
        return value;
      }

      function nonEmpty(value: unknown): string | undefined {
        return typeof value === 'string' && value !== '' ? value : undefined;
      }`,
    fields.some((f) => f.names)
      ? '\n' + code`
        function nameOfNumber(value: unknown, names: Record<number, string>): string | undefined {
          return typeof value === 'number' ? names[value] : undefined;
        }`
      : '',
  ].join('\n');
}

/** Validates what the generator cannot emit sensibly. */
export function checkEventNames(spec: HandlerSpec): void {
  for (const e of spec.events) {
    if (!isIdentifier(e.typeName)) throw new Error(`Event type name is not an identifier: ${JSON.stringify(e.typeName)}`);
  }
  if (!isIdentifier(spec.rootTypeName)) throw new Error(`Root type name is not an identifier: ${JSON.stringify(spec.rootTypeName)}`);
  const seen = new Set<string>();
  for (const e of spec.events) {
    if (seen.has(e.name)) throw new Error(`Event listed twice: ${JSON.stringify(e.name)}`);
    seen.add(e.name);
  }
}
