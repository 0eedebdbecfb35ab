import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { History } from './history.js';
import { Presence } from './presence.js';
import { SyncedList, SyncedMap, type Changes } from './synced.js';

/** The connection to the server: connecting (or reconnecting), connected, or disconnected. */
export type Status = 'connecting' | 'connected' | 'disconnected';

export interface ConnectOptions<P extends object = Record<string, unknown>> {
  /** A room token (`./symphony token --room <room>`), sent as `?token=` on the WebSocket URL. */
  token?: string;
  /** More query parameters for the WebSocket URL. */
  params?: Record<string, string>;
  /** This user's first presence state (name, colour...), announced as soon as the room connects. */
  presence?: P;
  /** A WebSocket implementation where there is no global one (Node 20: the `ws` package). */
  WebSocket?: unknown;
  /** The longest wait between reconnection attempts, in milliseconds (default 2500). */
  maxBackoffTime?: number;
  /** How long changes in a row make one undo step, in milliseconds (default 500). */
  captureTimeout?: number;
}

/**
 * One collaboration room: its shared document, this user's history and presence, and the connection
 * to Symphony. Everything changed through the room's maps and lists is sent to the others; changes
 * made while disconnected are sent when the connection comes back.
 */
export class Room<P extends object = Record<string, unknown>> {
  /** The room's Yjs document, for code that needs Yjs itself. */
  readonly doc: Y.Doc;
  /** The standard y-websocket provider this room talks through. */
  readonly provider: WebsocketProvider;
  readonly history: History;
  readonly presence: Presence<P>;
  private readonly changes: Changes;
  private readonly statusListeners = new Set<(status: Status) => void>();
  private currentStatus: Status = 'connecting';
  private closed = false;

  constructor(
    url: string,
    readonly id: string,
    options: ConnectOptions<P> = {},
  ) {
    if (!/^wss?:\/\//.test(url)) throw new TypeError(`url must start with ws:// or wss://, got ${url}`);
    if (!id) throw new TypeError('a room id is needed');
    this.doc = new Y.Doc();
    const localOrigin = this; // transactions of this user carry the room as their origin
    this.changes = {
      transact: (change) => this.doc.transact(change, localOrigin),
      isLocal: (transaction) => transaction.origin === localOrigin || this.history.owns(transaction.origin),
    };
    this.history = new History(this.doc, localOrigin, options.captureTimeout);
    const params = { ...options.params };
    if (options.token) params.token = options.token;
    // The provider puts the room name in the URL as it is; encoded, any id reaches the server whole
    // (a '?', '#' or '%' in it would otherwise cut or change it).
    this.provider = new WebsocketProvider(url, encodeURIComponent(id), this.doc, {
      params,
      maxBackoffTime: options.maxBackoffTime,
      // Only through the server: a second tab must not hide a server that does not forward updates.
      disableBc: true,
      ...(options.WebSocket ? { WebSocketPolyfill: options.WebSocket as typeof WebSocket } : {}),
    });
    this.presence = new Presence<P>(this.provider.awareness);
    if (options.presence) this.presence.set(options.presence);
    this.provider.on('status', this.onProviderStatus);
  }

  /** The connection's state now. */
  get status(): Status {
    return this.currentStatus;
  }

  /** Whether the document has been exchanged with the server since the last (re)connection. */
  get synced(): boolean {
    return this.provider.synced;
  }

  /** Resolves once the document has been exchanged with the server. */
  whenSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        this.provider.off('sync', onSync);
        resolve();
      };
      this.provider.on('sync', onSync);
    });
  }

  /** Calls {@code listener} with every change of the connection's status. */
  onStatus(listener: (status: Status) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** The shared object named {@code name} (created empty on first use; the same for every user). */
  map<T extends object = Record<string, unknown>>(name: string): SyncedMap<T> {
    const type = this.doc.getMap<unknown>(name);
    this.history.track(type);
    return new SyncedMap<T>(type, this.changes);
  }

  /** The shared list named {@code name} (created empty on first use; the same for every user). */
  list<T = unknown>(name: string): SyncedList<T> {
    const type = this.doc.getArray<unknown>(name);
    this.history.track(type);
    return new SyncedList<T>(type, this.changes);
  }

  /**
   * Runs {@code change} as one transaction: the others receive all of it at once, in one update,
   * and it is one step of history.
   */
  batch<R>(change: () => R): R {
    let result: R | undefined;
    this.changes.transact(() => {
      result = change();
    });
    return result as R;
  }

  /** Leaves the room: disconnects, tells the others this user is gone, stops the history. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.provider.off('status', this.onProviderStatus);
    this.provider.destroy(); // announces the removal of this user's presence first
    this.history.destroy();
    this.doc.destroy();
    this.setStatus('disconnected');
    this.statusListeners.clear();
  }

  private readonly onProviderStatus = ({ status }: { status: Status }): void => {
    if (status === 'disconnected') this.presence.forgetDeparted();
    this.setStatus(status);
  };

  private setStatus(status: Status): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}

/**
 * Joins room {@code room} on the Symphony server at {@code url} (`ws://host:port`), with the
 * standard y-websocket protocol. Returns at once; the room connects, and reconnects, by itself.
 */
export function connect<P extends object = Record<string, unknown>>(
  url: string,
  room: string,
  options: ConnectOptions<P> = {},
): Room<P> {
  return new Room<P>(url, room, options);
}
