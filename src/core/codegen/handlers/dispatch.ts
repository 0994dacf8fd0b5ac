import { eventHeaderNames } from '../../providers/eventName';
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
  return spec.events.map((e, i) => ({ eventName: e.name, functionName: names[i], typeName: e.typeName }));
}

/** The `handlers` object: one stub per event, where the developer's code goes. */
export function handlersSection(spec: HandlerSpec, exported: boolean): string {
  const stubs = eventFunctions(spec).map((f) => {
    const label = f.eventName || 'delivery';
    return code`
      async ${f.functionName}(event: ${f.typeName}): Promise<void> {
        console.info(${quote(`Received ${label}:`)}, event);
      },`;
  });
  const doc = exported
    ? code`
      /**
       * One function per event, run after the delivery has been acknowledged: put your code here. The
       * dispatcher calls through this object, so a function can be replaced at run time (in tests, say).
       */`
    : code`
      /**
       * One function per event, run after the delivery has been acknowledged: put your code here.
       * (Next.js lets a route file export only route fields, so this object stays private; move it to
       * its own module if you want to test it.)
       */`;
  return `${doc}\n${exported ? 'export ' : ''}const handlers = {\n${indent(stubs.join('\n\n'), 2)}\n};`;
}

/** Whether the event name is read from the payload by `stringField` (and must be passed in). */
function switchesOnTopLevelField(spec: HandlerSpec): boolean {
  return spec.eventSource.kind === 'field' && !spec.eventSource.field.includes('.');
}

/** The `dispatch` function: a switch on the event name that calls the typed function. */
export function dispatchSection(spec: HandlerSpec, providerName: string): string {
  const functions = eventFunctions(spec);
  if (spec.eventSource.kind === 'none') {
    const [only] = functions;
    return code`
      function dispatch(payload: unknown): Promise<void> {
        return handlers.${only.functionName}(payload as ${only.typeName});
      }`;
  }
  const unhandled = `console.warn(\`No handler for ${providerName.replace(/[`\\$]/g, '')} event "\${eventName}": acknowledged and ignored.\`);`;
  if (switchesOnTopLevelField(spec)) {
    const field = spec.eventSource.kind === 'field' ? spec.eventSource.field : '';
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
  const where = spec.eventSource.kind === 'header' ? `the ${spec.eventSource.header} header` : `\`${spec.eventSource.field}\``;
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
  switch (spec.eventSource.kind) {
    case 'header':
      return eventHeaderNames(spec.eventSource).map((name) => `delivery.header(${quote(name)})`).join(' ?? ');
    case 'field':
      return `stringField(payload, ${quote(spec.eventSource.field)})`;
    case 'none':
      return undefined;
  }
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
