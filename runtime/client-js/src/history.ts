import * as Y from 'yjs';

/**
 * Undo and redo of this user's own changes (a Y.UndoManager tracking only the room's local origin):
 * undoing never takes back what someone else did, even when their change came later.
 */
export class History {
  private readonly manager: Y.UndoManager;
  private readonly captureTimeout: number;
  private pauses = 0;

  constructor(doc: Y.Doc, localOrigin: object, captureTimeout = 500) {
    this.captureTimeout = captureTimeout;
    this.manager = new Y.UndoManager([], { doc, trackedOrigins: new Set([localOrigin]), captureTimeout });
  }

  /** Whether a transaction with this origin is an undo or redo of this history. */
  owns(origin: unknown): boolean {
    return origin === this.manager;
  }

  /** Puts a shared type under history (the room does this for every map and list it hands out). */
  track(type: Y.AbstractType<any>): void {
    this.manager.addToScope(type);
  }

  /** Takes back this user's last change; false when there was none. */
  undo(): boolean {
    return this.manager.undo() !== null;
  }

  /** Does again the last undone change; false when there was none. */
  redo(): boolean {
    return this.manager.redo() !== null;
  }

  canUndo(): boolean {
    return this.manager.canUndo();
  }

  canRedo(): boolean {
    return this.manager.canRedo();
  }

  /**
   * From now until {@link resume}, every change joins one history step: a drag that moves a shape
   * a hundred times is undone in one go. Pauses nest.
   */
  pause(): void {
    if (this.pauses++ > 0) return;
    this.manager.stopCapturing(); // the first change while paused starts a step of its own...
    this.manager.on('stack-item-added', this.mergeFromNowOn);
  }

  /** Ends the step {@link pause} started; the next change starts a new one. */
  resume(): void {
    if (this.pauses === 0 || --this.pauses > 0) return;
    this.manager.off('stack-item-added', this.mergeFromNowOn);
    this.manager.captureTimeout = this.captureTimeout;
    this.manager.stopCapturing();
  }

  /** Ends the current step: the next change is undone separately even if it follows at once. */
  stopCapturing(): void {
    this.manager.stopCapturing();
  }

  /** Forgets every step (undo and redo). */
  clear(): void {
    this.manager.clear();
  }

  /** Calls {@code listener} when the steps change (to enable or disable undo and redo buttons). */
  subscribe(listener: () => void): () => void {
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
    events.forEach((event) => this.manager.on(event, listener));
    return () => events.forEach((event) => this.manager.off(event, listener));
  }

  /** Stops tracking (the room calls this when it closes). */
  destroy(): void {
    this.manager.destroy();
  }

  // ...and every later one merges into it, however long the pause lasts.
  // (A listener of our own rather than `once`, whose wrapper `off` could not remove on a pause that
  // saw no change.)
  private readonly mergeFromNowOn = (): void => {
    this.manager.off('stack-item-added', this.mergeFromNowOn);
    this.manager.captureTimeout = Number.POSITIVE_INFINITY;
  };
}
