// A shared list with presence: every page that opens the same room sees the same items and who is here.
// The document lives in Symphony (symphony serve); yjs merges concurrent edits, y-websocket syncs them.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

// ?server=ws://host:port and ?room=name open another server or room; ?name=... names you.
const params = new URLSearchParams(location.search);
const server = params.get('server') || 'ws://127.0.0.1:1234';
const room = params.get('room') || '{{name}}';

const doc = new Y.Doc();
const provider = new WebsocketProvider(server, room, doc);
const items = doc.getArray('items'); // entries: { id, text }

const $ = (id) => document.getElementById(id);
$('room').textContent = room;

// --- connection status -------------------------------------------------------------------------
provider.on('status', ({ status }) => {
  $('status').textContent = status;
  $('status').classList.toggle('connected', status === 'connected');
});

// --- the shared list ---------------------------------------------------------------------------
function renderItems() {
  const list = $('items');
  list.replaceChildren(
    ...items.toArray().map(({ id, text }) => {
      const li = document.createElement('li');
      li.dataset.id = id;
      const label = document.createElement('span');
      label.textContent = text;
      const remove = document.createElement('button');
      remove.textContent = '✕';
      remove.title = 'Remove for everyone';
      remove.addEventListener('click', () => removeItem(id));
      li.append(label, remove);
      return li;
    }),
  );
}

function removeItem(id) {
  const index = items.toArray().findIndex((item) => item.id === id);
  if (index >= 0) items.delete(index, 1);
}

$('add').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('item').value.trim();
  if (text) items.push([{ id: crypto.randomUUID(), text }]);
  $('item').value = '';
});

items.observe(renderItems); // local and remote changes alike
renderItems();

// --- presence (awareness): who has the room open -----------------------------------------------
const colors = ['#e4572e', '#2f6fde', '#17bebb', '#a23b72', '#f3a712', '#4caf50'];
const me = {
  name: params.get('name') || localStorage.getItem('name') || `guest-${doc.clientID % 1000}`,
  color: colors[doc.clientID % colors.length],
};
$('name').value = me.name;
provider.awareness.setLocalStateField('user', me);

$('name').addEventListener('input', () => {
  me.name = $('name').value.trim() || 'anonymous';
  localStorage.setItem('name', me.name);
  provider.awareness.setLocalStateField('user', me);
});

function renderPeople() {
  const people = [...provider.awareness.getStates()]
    .filter(([, state]) => state.user)
    .sort(([a], [b]) => a - b);
  $('people').replaceChildren(
    ...people.map(([clientId, { user }]) => {
      const li = document.createElement('li');
      li.style.setProperty('--color', user.color);
      li.textContent = clientId === doc.clientID ? `${user.name} (you)` : user.name;
      return li;
    }),
  );
}

provider.awareness.on('change', renderPeople);
renderPeople();

// For the browser console: app.items.toJSON(), app.provider.disconnect(), ...
window.app = { doc, provider, items };
