import * as Y from 'yjs';
import { toPlain, toY, yTypeMark } from './convert.js';

/** How the wrappers change the document: in one transaction with the room's local origin. */
export interface Changes {
  transact(change: () => void): void;
  /** Whether a transaction came from this user (its origin is the room's local origin). */
  isLocal(transaction: Y.Transaction): boolean;
}

/** What reading a stored value gives: nested objects and arrays stay live (SyncedMap, SyncedList). */
export type Live<T> = T extends Uint8Array
  ? T
  : T extends readonly (infer I)[]
    ? SyncedList<I>
    : T extends object
      ? SyncedMap<T>
      : T;

/** Called after a change to a collection or anything nested in it. */
export type ChangeListener = (change: { local: boolean }) => void;

/** Wraps Y.Maps and Y.Arrays read from the document; other values are returned as they are. */
export function live(value: unknown, changes: Changes): unknown {
  if (value instanceof Y.Map) return new SyncedMap(value, changes);
  if (value instanceof Y.Array) return new SyncedList(value, changes);
  return value;
}

function subscribe(type: Y.AbstractType<any>, changes: Changes, listener: ChangeListener): () => void {
  const observer = (_events: Y.YEvent<any>[], transaction: Y.Transaction) =>
    listener({ local: changes.isLocal(transaction) });
  type.observeDeep(observer);
  return () => type.unobserveDeep(observer);
}

/**
 * A shared object (over a Y.Map): fields set here reach every user of the room. Values are converted
 * on the way in (plain objects and arrays become nested Y types) and read back live.
 */
export class SyncedMap<T extends object = Record<string, unknown>> {
  readonly [yTypeMark] = true;

  constructor(
    /** The underlying Y.Map, for code that needs Yjs itself. */
    readonly yMap: Y.Map<unknown>,
    private readonly changes: Changes,
  ) {}

  get size(): number {
    return this.yMap.size;
  }

  get<K extends keyof T & string>(key: K): Live<T[K]> | undefined {
    return live(this.yMap.get(key), this.changes) as Live<T[K]> | undefined;
  }

  has(key: keyof T & string): boolean {
    return this.yMap.has(key);
  }

  set<K extends keyof T & string>(key: K, value: T[K]): void {
    const stored = toY(value, key);
    this.changes.transact(() => this.yMap.set(key, stored));
  }

  /** Sets several fields in one transaction (one change for the others, one step of history). */
  update(fields: Partial<T>): void {
    const stored = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, toY(value, key)] as const);
    this.changes.transact(() => stored.forEach(([key, value]) => this.yMap.set(key, value)));
  }

  delete(key: keyof T & string): void {
    this.changes.transact(() => this.yMap.delete(key));
  }

  clear(): void {
    this.changes.transact(() => this.yMap.clear());
  }

  keys(): (keyof T & string)[] {
    return [...this.yMap.keys()] as (keyof T & string)[];
  }

  values(): Live<T[keyof T]>[] {
    return this.keys().map((key) => this.get(key) as Live<T[keyof T]>);
  }

  entries(): [keyof T & string, Live<T[keyof T]>][] {
    return this.keys().map((key) => [key, this.get(key) as Live<T[keyof T]>]);
  }

  [Symbol.iterator](): Iterator<[keyof T & string, Live<T[keyof T]>]> {
    return this.entries()[Symbol.iterator]();
  }

  forEach(visit: (value: Live<T[keyof T]>, key: keyof T & string) => void): void {
    this.entries().forEach(([key, value]) => visit(value, key));
  }

  map<R>(mapper: (value: Live<T[keyof T]>, key: keyof T & string) => R): R[] {
    return this.entries().map(([key, value]) => mapper(value, key));
  }

  filter(test: (value: Live<T[keyof T]>, key: keyof T & string) => boolean): Live<T[keyof T]>[] {
    return this.entries()
      .filter(([key, value]) => test(value, key))
      .map(([, value]) => value);
  }

  find(test: (value: Live<T[keyof T]>, key: keyof T & string) => boolean): Live<T[keyof T]> | undefined {
    return this.entries().find(([key, value]) => test(value, key))?.[1];
  }

  some(test: (value: Live<T[keyof T]>, key: keyof T & string) => boolean): boolean {
    return this.entries().some(([key, value]) => test(value, key));
  }

  every(test: (value: Live<T[keyof T]>, key: keyof T & string) => boolean): boolean {
    return this.entries().every(([key, value]) => test(value, key));
  }

  /** A deep plain copy. */
  toJSON(): T {
    return toPlain(this.yMap) as T;
  }

  /** Calls {@code listener} after every change to this map or anything nested in it. */
  subscribe(listener: ChangeListener): () => void {
    return subscribe(this.yMap, this.changes, listener);
  }
}

/**
 * A shared list (over a Y.Array) with the read helpers of a JavaScript array. Items are converted on
 * the way in (plain objects and arrays become nested Y types) and read back live.
 */
export class SyncedList<T = unknown> {
  readonly [yTypeMark] = true;

  constructor(
    /** The underlying Y.Array, for code that needs Yjs itself. */
    readonly yArray: Y.Array<unknown>,
    private readonly changes: Changes,
  ) {}

  get length(): number {
    return this.yArray.length;
  }

  get(index: number): Live<T> | undefined {
    if (index < 0 || index >= this.yArray.length) return undefined;
    return live(this.yArray.get(index), this.changes) as Live<T>;
  }

  /** Appends the items in one transaction, however many there are. */
  push(...items: T[]): void {
    this.insert(this.yArray.length, ...items);
  }

  /** Inserts the items at {@code index} in one transaction. */
  insert(index: number, ...items: T[]): void {
    if (!Number.isInteger(index) || index < 0 || index > this.yArray.length) {
      throw new RangeError(`index ${index} is outside the list (length ${this.yArray.length})`);
    }
    if (items.length === 0) return;
    const stored = items.map((item, i) => toY(item, `[${index + i}]`));
    this.changes.transact(() => this.yArray.insert(index, stored));
  }

  /** Replaces the item at {@code index}. */
  set(index: number, item: T): void {
    this.checkIndex(index);
    const stored = toY(item, `[${index}]`);
    this.changes.transact(() => {
      this.yArray.delete(index, 1);
      this.yArray.insert(index, [stored]);
    });
  }

  delete(index: number, count = 1): void {
    this.checkIndex(index);
    const removed = Math.min(count, this.yArray.length - index);
    this.changes.transact(() => this.yArray.delete(index, removed));
  }

  clear(): void {
    if (this.yArray.length > 0) this.changes.transact(() => this.yArray.delete(0, this.yArray.length));
  }

  toArray(): Live<T>[] {
    return this.yArray.toArray().map((item) => live(item, this.changes) as Live<T>);
  }

  [Symbol.iterator](): Iterator<Live<T>> {
    return this.toArray()[Symbol.iterator]();
  }

  forEach(visit: (item: Live<T>, index: number) => void): void {
    this.toArray().forEach((item, index) => visit(item, index));
  }

  map<R>(mapper: (item: Live<T>, index: number) => R): R[] {
    return this.toArray().map((item, index) => mapper(item, index));
  }

  filter(test: (item: Live<T>, index: number) => boolean): Live<T>[] {
    return this.toArray().filter((item, index) => test(item, index));
  }

  find(test: (item: Live<T>, index: number) => boolean): Live<T> | undefined {
    return this.toArray().find((item, index) => test(item, index));
  }

  findIndex(test: (item: Live<T>, index: number) => boolean): number {
    return this.toArray().findIndex((item, index) => test(item, index));
  }

  some(test: (item: Live<T>, index: number) => boolean): boolean {
    return this.toArray().some((item, index) => test(item, index));
  }

  every(test: (item: Live<T>, index: number) => boolean): boolean {
    return this.toArray().every((item, index) => test(item, index));
  }

  reduce<R>(reducer: (result: R, item: Live<T>, index: number) => R, initial: R): R {
    return this.toArray().reduce((result, item, index) => reducer(result, item, index), initial);
  }

  /** The index of a primitive item (live nested items are new wrappers on each read: use findIndex). */
  indexOf(item: T): number {
    return this.yArray.toArray().indexOf(item);
  }

  /** A deep plain copy. */
  toJSON(): T[] {
    return toPlain(this.yArray) as T[];
  }

  /** Calls {@code listener} after every change to this list or anything nested in it. */
  subscribe(listener: ChangeListener): () => void {
    return subscribe(this.yArray, this.changes, listener);
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.yArray.length) {
      throw new RangeError(`index ${index} is outside the list (length ${this.yArray.length})`);
    }
  }
}
