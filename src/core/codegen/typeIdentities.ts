import { resolve } from './shape';
import type { ObjectShape, Shape } from './shape';

/**
 * Structural identity of object shapes: two shapes get the same identity exactly when they would
 * render to the same interface body, so they can share one declaration. Identities of nested
 * objects are interned, which keeps the keys short however deep the payload is.
 */
export class TypeIdentities {
  private readonly identities = new Map<ObjectShape, string>();
  /** The kind bits the target language tells apart (TypeScript has no integer type). */
  private readonly kindMask: number;
  private readonly interned = new Map<string, string>();
  private readonly inProgress = new Map<ObjectShape, string>();
  private cycles = 0;

  constructor(kindMask: number) {
    this.kindMask = kindMask;
  }

  /** Gives `object` an identity of its own that nothing else shares (used for roots). */
  setUnique(object: ObjectShape, label: string): void {
    this.identities.set(object, `unique:${label}`);
  }

  of(object: ObjectShape): string {
    const known = this.identities.get(object) ?? this.inProgress.get(object);
    if (known) return known;
    // A shape reached again while computing its own identity is recursive: it can only be itself.
    this.inProgress.set(object, `cycle:${this.cycles++}`);
    const members = [...object.fields].map(
      ([key, field]) => `${JSON.stringify(key)}${field.seen < object.count ? '?' : ''}:${this.ofShape(field)}`,
    );
    this.inProgress.delete(object);
    const body = `{${members.join(',')}}`;
    let identity = this.interned.get(body);
    if (!identity) this.interned.set(body, (identity = `#${this.interned.size}`));
    this.identities.set(object, identity);
    return identity;
  }

  private ofShape(shape: Shape): string {
    const literals = shape.literals ? JSON.stringify([...shape.literals].sort()) : '';
    const object = shape.object ? this.of(resolve(shape.object)) : '';
    const element = shape.element ? `[${this.ofShape(shape.element)}]` : '';
    return `${shape.kinds & this.kindMask}${literals}${object}${element}`;
  }
}
