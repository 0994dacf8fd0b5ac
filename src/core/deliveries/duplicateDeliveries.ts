/** One capture as far as duplicate detection cares. */
export interface DeliveryKey {
  /** The capture's id. */
  id: string;
  /** The provider's delivery id (see `deliveryIdOf`); captures without one are never duplicates. */
  deliveryId?: string;
  provider?: string;
}

/**
 * Remembers which captures carry the same provider delivery id. The first capture with an id is
 * the original; every later one is a duplicate of it (a retry or a replay by the sender).
 */
export class DuplicateTracker {
  /** Capture ids per delivery key, oldest first. */
  private readonly _byKey = new Map<string, string[]>();
  private readonly _keyOf = new Map<string, string>();

  /** Records a capture and returns the id of the capture it duplicates, if any. */
  observe(delivery: DeliveryKey): string | undefined {
    if (delivery.deliveryId === undefined || delivery.deliveryId === '') return undefined;
    const known = this._keyOf.get(delivery.id);
    if (known !== undefined) return this.duplicateOf(delivery.id);
    const key = keyOf(delivery.provider, delivery.deliveryId);
    const ids = this._byKey.get(key);
    this._keyOf.set(delivery.id, key);
    if (!ids) {
      this._byKey.set(key, [delivery.id]);
      return undefined;
    }
    ids.push(delivery.id);
    return ids[0];
  }

  /** The original a capture duplicates, or undefined when it is an original or unknown. */
  duplicateOf(captureId: string): string | undefined {
    const key = this._keyOf.get(captureId);
    const first = key === undefined ? undefined : this._byKey.get(key)?.[0];
    return first === captureId ? undefined : first;
  }

  /** Drops a removed capture; when it was the original, the next one with its delivery id becomes the original. */
  forget(captureId: string): void {
    const key = this._keyOf.get(captureId);
    if (key === undefined) return;
    this._keyOf.delete(captureId);
    const ids = (this._byKey.get(key) ?? []).filter((id) => id !== captureId);
    if (ids.length === 0) this._byKey.delete(key);
    else this._byKey.set(key, ids);
  }

  clear(): void {
    this._byKey.clear();
    this._keyOf.clear();
  }
}

/** For a list in arrival order: a map from each duplicate capture's id to the id of its original. */
export function findDuplicates(deliveries: readonly DeliveryKey[]): Map<string, string> {
  const tracker = new DuplicateTracker();
  const duplicates = new Map<string, string>();
  for (const delivery of deliveries) {
    const original = tracker.observe(delivery);
    if (original !== undefined) duplicates.set(delivery.id, original);
  }
  return duplicates;
}

function keyOf(provider: string | undefined, deliveryId: string): string {
  return `${provider ?? ''}\u0000${deliveryId}`;
}
