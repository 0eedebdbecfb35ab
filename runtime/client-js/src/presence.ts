import type { Awareness } from 'y-protocols/awareness';

/** Another user in the room, as their client last described itself. */
export interface Peer<P> {
  /** The Yjs client id of their document, unique in the room while they are connected. */
  clientId: number;
  presence: P;
}

/**
 * Ephemeral per-user state (cursor, name, colour) over Yjs awareness: never stored, gone when the
 * user leaves. Set this user's own state; read and follow the others'.
 */
export class Presence<P extends object = Record<string, unknown>> {
  constructor(private readonly awareness: Awareness) {}

  /** This user's state, or null before anything was set. */
  get(): P | null {
    return (this.awareness.getLocalState() as P | null) ?? null;
  }

  /** Merges {@code fields} into this user's state and announces it. */
  set(fields: Partial<P>): void {
    const current = this.awareness.getLocalState() ?? {};
    this.awareness.setLocalState({ ...current, ...fields });
  }

  /** Everyone else in the room who has announced a state. */
  others(): Peer<P>[] {
    const peers: Peer<P>[] = [];
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId !== this.awareness.clientID && state && Object.keys(state).length > 0) {
        peers.push({ clientId, presence: state as P });
      }
    });
    return peers;
  }

  /**
   * Forgets the clocks of the users the connection loss removed. The provider marks them removed
   * by advancing their clock here; after a reconnection they announce themselves again with the
   * clock they had, which would then be ignored as old until they next change their state. With
   * the clocks forgotten, their first announcement after the reconnection shows them at once.
   */
  forgetDeparted(): void {
    for (const clientId of [...this.awareness.meta.keys()]) {
      if (clientId !== this.awareness.clientID && !this.awareness.getStates().has(clientId)) {
        this.awareness.meta.delete(clientId);
      }
    }
  }

  /** Calls {@code listener} with the others whenever someone's state changes, joins or leaves. */
  subscribe(listener: (others: Peer<P>[]) => void): () => void {
    const onChange = () => listener(this.others());
    this.awareness.on('change', onChange);
    return () => this.awareness.off('change', onChange);
  }
}
