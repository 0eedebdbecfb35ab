// The Symphony whiteboard: every shape lives in one SyncedMap ("shapes", by id), so drawing, moving
// and deleting reach everyone in the room; cursors, names and colours travel as presence; undo and
// redo take back only this user's own changes. Served by single-node at /demo/<room>.
import { connect } from '../src/index.js';

const PALETTE = ['#1d2330', '#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5'];
const USER_COLORS = ['#e8590c', '#1098ad', '#7048e8', '#d6336c', '#37b24d', '#f59f00', '#4263eb'];
const NAMES = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const SVG = 'http://www.w3.org/2000/svg';

const query = new URLSearchParams(location.search);
const roomId = decodeURIComponent(location.pathname.replace(/^\/demo\//, '').replace(/\/$/, ''));
const me = {
  name: query.get('name') || `${NAMES[Math.floor(Math.random() * NAMES.length)]}`,
  color: query.get('color') || USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)],
};
const server = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
const room = connect(server, roomId, {
  token: query.get('token') || undefined,
  presence: { name: me.name, color: me.color, cursor: null },
});
const shapes = room.map('shapes');

const $ = (selector) => document.querySelector(selector);
const board = $('#board');
const canvas = $('#canvas');
const layer = $('#shapes');
const selectionLayer = $('#selection');
let tool = 'pen';
let color = PALETTE[0];
let selectedId = null;
let gesture = null; // what the pointer is doing between down and up
let historyPaused = false;
let idCounter = 0;

$('#roomName').textContent = `room: ${roomId}`;
document.title = `${roomId} - Symphony whiteboard`;

// ----- shapes on the canvas

function render() {
  const all = Object.values(shapes.toJSON())
    .filter(drawable)
    .sort((a, b) => a.z - b.z || (a.id < b.id ? -1 : 1));
  layer.replaceChildren(...all.map(shapeElement));
  if (selectedId && !shapes.has(selectedId)) selectedId = null;
  renderSelection();
}

// Anyone in the room can write anything: draw only what is well formed, never fail on the rest.
function drawable(shape) {
  if (!shape || typeof shape.id !== 'string' || !Number.isFinite(shape.x) || !Number.isFinite(shape.y)) return false;
  if (shape.kind === 'line') return Array.isArray(shape.points) && shape.points.length >= 2;
  return (shape.kind === 'rect' || shape.kind === 'ellipse') && Number.isFinite(shape.w) && Number.isFinite(shape.h);
}

function shapeElement(shape) {
  const group = document.createElementNS(SVG, 'g');
  group.dataset.id = shape.id;
  group.dataset.kind = shape.kind;
  group.dataset.author = shape.author;
  group.setAttribute('transform', `translate(${shape.x} ${shape.y})`);
  if (shape.kind === 'line') {
    const d = pathOf(shape.points);
    group.append(
      svg('path', { d, fill: 'none', stroke: shape.color, 'stroke-width': shape.width, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }),
      svg('path', { d, fill: 'none', stroke: 'transparent', 'stroke-width': Math.max(12, shape.width), 'pointer-events': 'stroke' }),
    );
  } else {
    const style = { fill: shape.color, 'fill-opacity': 0.15, stroke: shape.color, 'stroke-width': shape.width };
    group.append(
      shape.kind === 'rect'
        ? svg('rect', { x: 0, y: 0, width: shape.w, height: shape.h, rx: 2, ...style })
        : svg('ellipse', { cx: shape.w / 2, cy: shape.h / 2, rx: shape.w / 2, ry: shape.h / 2, ...style }),
    );
  }
  return group;
}

function pathOf(points) {
  let d = '';
  for (let i = 0; i + 1 < points.length; i += 2) d += `${i === 0 ? 'M' : 'L'}${points[i]} ${points[i + 1]} `;
  return points.length === 2 ? `${d}l0.01 0` : d; // a dot still shows
}

function svg(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

function renderSelection() {
  selectionLayer.replaceChildren();
  const element = selectedId && layer.querySelector(`[data-id="${CSS.escape(selectedId)}"]`);
  if (element) {
    const box = element.getBBox();
    const shape = shapes.get(selectedId);
    selectionLayer.append(svg('rect', {
      x: shape.get('x') + box.x - 5, y: shape.get('y') + box.y - 5, width: box.width + 10, height: box.height + 10,
    }));
  }
  $('#delete').disabled = !element;
}

shapes.subscribe(render);

// ----- drawing, selecting, moving

function pointOf(event) {
  const bounds = canvas.getBoundingClientRect();
  return { x: Math.round(event.clientX - bounds.left), y: Math.round(event.clientY - bounds.top) };
}

function newId() {
  idCounter += 1;
  return `${room.doc.clientID.toString(36)}-${idCounter}-${Math.random().toString(36).slice(2, 6)}`;
}

function nextZ() {
  return Math.max(0, ...shapes.map((shape) => shape.get('z') ?? 0)) + 1;
}

canvas.addEventListener('pointerdown', (event) => {
  if (event.button !== 0) return;
  canvas.setPointerCapture(event.pointerId);
  const at = pointOf(event);
  // A whole gesture (a stroke, a drag) is one step of history however many changes it makes.
  room.history.pause();
  historyPaused = true;
  if (tool === 'select') {
    const hit = event.target.closest('[data-id]');
    selectedId = hit ? hit.dataset.id : null;
    renderSelection();
    if (hit) {
      const shape = shapes.get(selectedId);
      gesture = { kind: 'move', id: selectedId, from: at, x: shape.get('x'), y: shape.get('y') };
    }
    return;
  }
  const id = newId();
  const base = { id, x: at.x, y: at.y, color, width: 3, z: nextZ(), author: me.name };
  if (tool === 'pen') {
    shapes.set(id, { ...base, kind: 'line', points: [0, 0] });
  } else {
    shapes.set(id, { ...base, kind: tool, w: 0, h: 0 });
  }
  gesture = { kind: tool, id, from: at };
});

canvas.addEventListener('pointermove', (event) => {
  const at = pointOf(event);
  room.presence.set({ cursor: at });
  if (!gesture) return;
  const shape = shapes.get(gesture.id);
  if (!shape) return; // deleted by someone else meanwhile
  if (gesture.kind === 'move') {
    shape.update({ x: gesture.x + at.x - gesture.from.x, y: gesture.y + at.y - gesture.from.y });
  } else if (gesture.kind === 'pen') {
    shape.get('points').push(at.x - gesture.from.x, at.y - gesture.from.y);
  } else {
    shape.update({
      x: Math.min(at.x, gesture.from.x), y: Math.min(at.y, gesture.from.y),
      w: Math.abs(at.x - gesture.from.x), h: Math.abs(at.y - gesture.from.y),
    });
  }
});

function endGesture() {
  if (gesture && (gesture.kind === 'rect' || gesture.kind === 'ellipse')) {
    const shape = shapes.get(gesture.id);
    if (shape && shape.get('w') < 3 && shape.get('h') < 3) shapes.delete(gesture.id); // a stray click
  }
  if (historyPaused) room.history.resume();
  historyPaused = false;
  gesture = null;
}
canvas.addEventListener('pointerup', endGesture);
canvas.addEventListener('pointercancel', endGesture);
canvas.addEventListener('pointerleave', () => room.presence.set({ cursor: null }));

// ----- toolbar and keys

function chooseTool(name) {
  tool = name;
  board.className = `tool-${name}`;
  document.querySelectorAll('#tools button').forEach((b) => b.classList.toggle('active', b.dataset.tool === name));
  if (name !== 'select') {
    selectedId = null;
    renderSelection();
  }
}

function chooseColor(value) {
  color = value;
  document.querySelectorAll('.swatch').forEach((b) => b.classList.toggle('active', b.dataset.color === value));
  if (selectedId) shapes.get(selectedId)?.set('color', value);
}

for (const value of PALETTE) {
  const swatch = document.createElement('button');
  swatch.className = 'swatch';
  swatch.dataset.color = value;
  swatch.title = value;
  swatch.style.background = value;
  swatch.addEventListener('click', () => chooseColor(value));
  $('#colors').append(swatch);
}

function deleteSelected() {
  if (!selectedId) return;
  shapes.delete(selectedId);
  selectedId = null;
  renderSelection();
}

document.querySelectorAll('#tools button').forEach((b) => b.addEventListener('click', () => chooseTool(b.dataset.tool)));
$('#delete').addEventListener('click', deleteSelected);
$('#undo').addEventListener('click', () => room.history.undo());
$('#redo').addEventListener('click', () => room.history.redo());
room.history.subscribe(() => {
  $('#undo').disabled = !room.history.canUndo();
  $('#redo').disabled = !room.history.canRedo();
});

document.addEventListener('keydown', (event) => {
  const key = event.key.toLowerCase();
  if ((event.ctrlKey || event.metaKey) && key === 'z') {
    event.preventDefault();
    if (event.shiftKey) room.history.redo();
    else room.history.undo();
  } else if ((event.ctrlKey || event.metaKey) && key === 'y') {
    event.preventDefault();
    room.history.redo();
  } else if (key === 'delete' || key === 'backspace') {
    deleteSelected();
  } else if (!event.ctrlKey && !event.metaKey) {
    const tools = { v: 'select', p: 'pen', r: 'rect', e: 'ellipse' };
    if (tools[key]) chooseTool(tools[key]);
  }
});

// ----- people: cursors, the user list, the connection

function renderPeople(others) {
  const cursors = others.filter((peer) => peer.presence.cursor);
  $('#cursors').replaceChildren(...cursors.map(({ clientId, presence }) => {
    const cursor = document.createElement('div');
    cursor.className = 'cursor';
    cursor.dataset.client = clientId;
    cursor.dataset.name = presence.name ?? '';
    cursor.style.left = `${presence.cursor.x}px`;
    cursor.style.top = `${presence.cursor.y}px`;
    cursor.innerHTML = `<svg width="16" height="18" viewBox="0 0 16 18"><path d="M1 1 L1 15 L5 11 L8 17 L10 16 L7 10 L13 10 Z" stroke="#fff" stroke-width="1"/></svg><span></span>`;
    cursor.querySelector('path').setAttribute('fill', presence.color ?? '#333');
    cursor.querySelector('span').textContent = presence.name ?? '?';
    cursor.querySelector('span').style.background = presence.color ?? '#333';
    return cursor;
  }));
  const people = [{ clientId: room.doc.clientID, presence: me, self: true }, ...others];
  $('#users').replaceChildren(...people.map(({ clientId, presence, self }) => {
    const item = document.createElement('li');
    item.dataset.client = clientId;
    item.className = self ? 'me' : '';
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.style.background = presence.color ?? '#333';
    item.append(dot, `${presence.name ?? '?'}${self ? ' (you)' : ''}`);
    return item;
  }));
}
room.presence.subscribe(renderPeople);

function showStatus(status) {
  const element = $('#status');
  element.className = status;
  element.textContent = status;
}
room.onStatus(showStatus);

chooseTool('pen');
chooseColor(PALETTE[0]);
showStatus(room.status);
renderPeople(room.presence.others());
render();

// For people and tests poking at the page from the console.
window.whiteboard = { room, shapes, me };
