import { checkTypeName, inferEventRoots, inferRoot } from './generateTypes';
import type { EventUnionOptions } from './generateTypes';
import { PYTHON_RESERVED_NAMES } from './pythonNames';
import type { PythonDeclarations } from './pythonTypes';
import { renderTypedDicts } from './pythonTypes';

export interface PythonEventTypes extends PythonDeclarations {
  /** The TypedDict declared for each event, e.g. `push` → `PushEvent`. */
  typeNames: Map<string, string>;
}

/** Python `TypedDict` declarations of a type named `rootName` every sample fits, as generateTypes does for TypeScript. */
export function generatePythonTypes(samples: unknown[], options: { rootName: string }): PythonDeclarations {
  checkTypeName(options.rootName);
  return renderTypedDicts([inferRoot(options.rootName, samples)]);
}

/**
 * One `TypedDict` per event and `rootName` as their union. With a discriminator (Stripe's `type`)
 * each event's declares it as a `Literal`, so comparing it narrows the union.
 */
export function generatePythonEventTypes(samplesByEvent: ReadonlyMap<string, unknown[]>, options: EventUnionOptions): PythonEventTypes {
  const branches = inferEventRoots(samplesByEvent, options, PYTHON_RESERVED_NAMES);
  const members = branches.map(({ root }) => root.name);
  const union = `${options.rootName}: TypeAlias = ${members.length ? members.join(' | ') : 'dict[str, object]'}`;
  const declarations = renderTypedDicts(branches.map((branch) => branch.root), [`# Any payload this route receives.\n${union}`]);
  return { ...declarations, typeNames: new Map(branches.map(({ event, root }) => [event, root.name])) };
}
