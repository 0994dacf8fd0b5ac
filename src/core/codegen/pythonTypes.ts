import { isOnlyNull } from './declarations';
import type { RootShape } from './occurrences';
import { PYTHON_RESERVED_NAMES } from './pythonNames';
import { BOOLEAN, FRACTION, NULL, NUMBER, OTHER, STRING } from './shape';
import type { ObjectShape, Shape } from './shape';
import { nameTypes } from './typeNaming';
import { isPythonName, pyString } from './handlers/python/pythonSyntax';

const PYTHON_KINDS = NULL | BOOLEAN | NUMBER | FRACTION | STRING | OTHER;
const ONLY_NULL = '  # only null in the captures';
const EMPTY_OBJECT = 'dict[str, object]';

/** What a set of Python declarations uses from `typing`. */
export interface PythonDeclarations {
  source: string;
  typingNames: Set<string>;
}

/**
 * The roots and the object types they use as `TypedDict`s (class syntax; the functional syntax
 * where a key is not a Python name), roots first, then breadth first. A root that is not an object
 * becomes a `TypeAlias`. Optional keys are `NotRequired`, root discriminators `Literal` unions.
 */
export function renderTypedDicts(roots: readonly RootShape[], extraAliases: readonly string[] = []): PythonDeclarations {
  const typing = new Set<string>();
  const named = nameTypes(roots, { reserved: PYTHON_RESERVED_NAMES, kindMask: PYTHON_KINDS });
  const nameOf = (object: ObjectShape) => named.nameOf(object) ?? EMPTY_OBJECT;
  const declarations = roots.map((root) => {
    const top = named.rootObject(root);
    if (top) return renderTypedDict(root.name, top, nameOf, typing);
    typing.add('TypeAlias');
    // Quoted: the types it names are declared after it, and a module runs top to bottom.
    return `${root.name}: TypeAlias = ${pyString(renderType(root.shape, nameOf, typing))}`;
  });
  for (const { name, object } of named.nested) declarations.push(renderTypedDict(name, object, nameOf, typing));
  if (extraAliases.length) typing.add('TypeAlias');
  return { source: [...declarations, ...extraAliases].join('\n\n\n'), typingNames: typing };
}

function renderTypedDict(name: string, object: ObjectShape, nameOf: (object: ObjectShape) => string, typing: Set<string>): string {
  if (object.fields.has('')) {
    typing.add('TypeAlias');
    return `# An empty key cannot be declared, and this object has one: it is typed as a plain mapping.\n${name}: TypeAlias = dict[str, object]`;
  }
  typing.add('TypedDict');
  const members = [...object.fields].map(([key, field]) => {
    let type = renderType(field, nameOf, typing);
    if (field.seen < object.count) {
      typing.add('NotRequired');
      type = `NotRequired[${type}]`;
    }
    return { key, type, note: isOnlyNull(field) ? ONLY_NULL : '' };
  });
  // Class syntax mangles `__names`, cannot spell keywords or non-identifiers, and a key such as
  // `object` would shadow the type of the members after it within the class body.
  const referenced = new Set(members.flatMap((m) => m.type.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []));
  const classSyntax = members.every(({ key }) => isPythonName(key) && !key.startsWith('__') && !referenced.has(key));
  if (members.length === 0) return `class ${name}(TypedDict):\n    pass`;
  if (classSyntax) return `class ${name}(TypedDict):\n${members.map((m) => `    ${m.key}: ${m.type}${m.note}`).join('\n')}`;
  // The functional syntax is evaluated when the module runs: quoted types may name later declarations.
  const entries = members.map((m) => `        ${pyString(m.key)}: ${pyString(m.type)},${m.note}`);
  return `${name} = TypedDict(\n    ${pyString(name)},\n    {\n${entries.join('\n')}\n    },\n)`;
}

function renderType(shape: Shape, nameOf: (object: ObjectShape) => string, typing: Set<string>): string {
  const parts = typeParts(shape, nameOf, typing);
  return parts.length > 0 ? parts.join(' | ') : 'object';
}

function typeParts(shape: Shape, nameOf: (object: ObjectShape) => string, typing: Set<string>): string[] {
  if (shape.kinds & OTHER || isOnlyNull(shape)) return ['object'];
  const parts: string[] = [];
  if (shape.object) parts.push(nameOf(shape.object));
  if (shape.element) {
    const element = typeParts(shape.element, nameOf, typing);
    parts.push(element.length === 0 || element.includes('object') ? 'list[object]' : `list[${element.join(' | ')}]`);
  }
  if (shape.kinds & STRING) {
    if (shape.literals) {
      typing.add('Literal');
      parts.push(`Literal[${[...shape.literals].sort().map(pyString).join(', ')}]`);
    } else parts.push('str');
  }
  if (shape.kinds & NUMBER) parts.push(shape.kinds & FRACTION ? 'float' : 'int');
  if (shape.kinds & BOOLEAN) parts.push('bool');
  if (shape.kinds & NULL) parts.push('None');
  return parts;
}
