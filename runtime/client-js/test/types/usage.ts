// Compiled (not run) by `npm test` against dist/*.d.ts: the published types accept what the README
// shows and refuse what they should. Each @ts-expect-error fails the compile when the error is gone.
import { connect, SyncedList, SyncedMap, type Peer, type Status } from '@symphony/client';

interface Shape {
  id: string;
  kind: 'rect' | 'ellipse';
  x: number;
  tags: string[];
}
interface Cursor {
  name: string;
  cursor: { x: number; y: number } | null;
}

const room = connect<Cursor>('ws://127.0.0.1:1234', 'types', { token: 't', presence: { name: 'a', cursor: null } });
const shapes: SyncedMap<Record<string, Shape>> = room.map<Record<string, Shape>>('shapes');
shapes.set('s1', { id: 's1', kind: 'rect', x: 1, tags: [] });
const shape = shapes.get('s1');
if (shape) {
  const x: number | undefined = shape.get('x');
  const tags: SyncedList<string> | undefined = shape.get('tags');
  tags?.push('a', 'b');
  shape.update({ x: (x ?? 0) + 1 });
  const plain: Shape = shape.toJSON();
  void plain;
  // @ts-expect-error kind is 'rect' | 'ellipse'
  shape.set('kind', 'line');
}
const rects: number[] = shapes.filter((s) => s.get('kind') === 'rect').map((s) => s.get('x') ?? 0);
void rects;
const list = room.list<number>('numbers');
list.push(1, 2, 3);
const total: number = list.reduce((sum, n) => sum + n, 0);
void total;
// @ts-expect-error a list of numbers takes numbers
list.push('four');
room.history.pause();
room.history.resume();
const undone: boolean = room.history.undo();
void undone;
room.presence.set({ cursor: { x: 1, y: 2 } });
room.presence.subscribe((others: Peer<Cursor>[]) => others.map((peer) => peer.presence.name));
room.onStatus((status: Status) => status === 'connected');
room.batch(() => list.clear());
room.close();
