export { connect, Room, type ConnectOptions, type Status } from './room.js';
export { SyncedMap, SyncedList, type Live, type ChangeListener } from './synced.js';
export { History } from './history.js';
export { Presence, type Peer } from './presence.js';
export { toY, toPlain, type Plain } from './convert.js';
