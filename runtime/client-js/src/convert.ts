import * as Y from 'yjs';

/** A JSON-like value as it can be stored in a room: primitives, plain objects, arrays, bytes. */
export type Plain =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | Plain[]
  | { [key: string]: Plain };

/**
 * Turns a plain value into what a Y.Map or Y.Array stores: plain objects become Y.Maps and arrays
 * become Y.Arrays (recursively), so that their fields and items can later change one by one and merge
 * with other users' changes. Values a CRDT cannot hold (functions, undefined, class instances) are
 * refused with a message naming the path, rather than silently dropped.
 */
export function toY(value: unknown, path = 'value'): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}; only finite numbers can be stored`);
    return value;
  }
  if (value instanceof Uint8Array) return value;
  if (hasYType(value)) return toY(value.toJSON(), path);
  if (Array.isArray(value)) {
    const array = new Y.Array<unknown>();
    array.insert(0, value.map((item, index) => toY(item, `${path}[${index}]`)));
    return array;
  }
  if (isPlainObject(value)) {
    const map = new Y.Map<unknown>();
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue; // as JSON.stringify does: an absent field
      map.set(key, toY(field, `${path}.${key}`));
    }
    return map;
  }
  const kind = value === undefined ? 'undefined' : typeof value === 'object' ? value.constructor?.name : typeof value;
  throw new TypeError(`${path} is ${kind}; store strings, numbers, booleans, null, Uint8Array, plain objects or arrays`);
}

/** The deep plain copy of a stored value (Y types become objects and arrays). */
export function toPlain(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A SyncedMap or SyncedList handed back in: stored as a copy of its content. */
function hasYType(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null && (value as { [yTypeMark]?: boolean })[yTypeMark] === true;
}

/** Marks the wrappers (SyncedMap, SyncedList) so toY copies their content. */
export const yTypeMark = Symbol('symphony.synced');
