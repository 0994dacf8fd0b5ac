import { TYPESCRIPT_RESERVED_NAMES } from './globalNames';
import { propertyKey } from './names';
import type { RootShape } from './occurrences';
import { BOOLEAN, NULL, NUMBER, OTHER, STRING } from './shape';
import type { ObjectShape, Shape } from './shape';
import { nameTypes } from './typeNaming';

const EMPTY_OBJECT = 'Record<string, never>';
/** TypeScript has one number type, so only these kinds decide whether two shapes render alike. */
const TYPESCRIPT_KINDS = NULL | BOOLEAN | NUMBER | STRING | OTHER;
/** A field seen only as null says nothing about its type: it is `unknown`, and the declaration says why. */
const ONLY_NULL = ' // only null in the captures';

/** Declares every root and the object types they use as TypeScript, roots first, then breadth first. */
export function renderDeclarations(roots: readonly RootShape[]): string[] {
  const named = nameTypes(roots, { reserved: TYPESCRIPT_RESERVED_NAMES, kindMask: TYPESCRIPT_KINDS });
  const nameOf = (object: ObjectShape) => named.nameOf(object) ?? EMPTY_OBJECT;
  const declarations = roots.map((root) => {
    const top = named.rootObject(root);
    return top ? renderInterface(root.name, top, nameOf) : `export type ${root.name} = ${renderType(root.shape, nameOf)};`;
  });
  for (const { name, object } of named.nested) declarations.push(renderInterface(name, object, nameOf));
  return declarations;
}

function renderInterface(name: string, object: ObjectShape, nameOf: (object: ObjectShape) => string): string {
  const members = [...object.fields].map(([key, field]) => {
    const optional = field.seen < object.count ? '?' : '';
    return `  ${propertyKey(key)}${optional}: ${renderType(field, nameOf)};${isOnlyNull(field) ? ONLY_NULL : ''}`;
  });
  return `export interface ${name} {\n${members.join('\n')}\n}`;
}

/** Whether every value seen here was null: a field some capture had empty, whose real type is not known. */
export function isOnlyNull(shape: Shape): boolean {
  return shape.seen > 0 && shape.kinds === NULL && !shape.object && !shape.element;
}

function renderType(shape: Shape, nameOf: (object: ObjectShape) => string): string {
  const parts = typeParts(shape, nameOf);
  return parts.length > 0 ? parts.join(' | ') : 'unknown';
}

function typeParts(shape: Shape, nameOf: (object: ObjectShape) => string): string[] {
  if (shape.kinds & OTHER || isOnlyNull(shape)) return ['unknown'];
  const parts: string[] = [];
  if (shape.object) parts.push(nameOf(shape.object));
  if (shape.element) {
    const element = typeParts(shape.element, nameOf);
    if (element.length === 0 || element.includes('unknown')) parts.push('unknown[]');
    else parts.push(element.length === 1 ? `${element[0]}[]` : `(${element.join(' | ')})[]`);
  }
  if (shape.kinds & STRING) {
    if (shape.literals) parts.push(...[...shape.literals].sort().map((literal) => JSON.stringify(literal)));
    else parts.push('string');
  }
  if (shape.kinds & NUMBER) parts.push('number');
  if (shape.kinds & BOOLEAN) parts.push('boolean');
  if (shape.kinds & NULL) parts.push('null');
  return parts;
}
