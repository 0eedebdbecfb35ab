// Symphony developer dashboard: live figures from /api/events (server-sent events, one per second),
// room details from the admin API. No framework and no build step.
'use strict';

const token = new URLSearchParams(location.search).get('token');
const withToken = (path) => token ? path + (path.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : path;
const $ = (id) => document.getElementById(id);
let grafanaUrl = null;
let selected = null;

function bytes(n) {
  if (n == null) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

function grafanaLink(path, text) {
  const a = document.createElement('a');
  a.href = grafanaUrl.replace(/\/$/, '') + path;
  a.textContent = text;
  a.target = '_blank';
  return a;
}

async function loadInfo() {
  const response = await fetch(withToken('/api/info'));
  if (!response.ok) return;
  const info = await response.json();
  $('node').textContent = info.topology + ' · ' + info.node;
  grafanaUrl = info.grafanaUrl;
  if (grafanaUrl) $('grafana').append(grafanaLink('/d/symphony-overview', 'Grafana overview'));
}

function render(event) {
  const p = event.process;
  $('connections').textContent = p.connections;
  $('rooms').textContent = p.activeRooms;
  $('documentBytes').textContent = bytes(p.documentBytes);
  $('cpu').textContent = p.cpuUsage == null ? '–' : (p.cpuUsage * 100).toFixed(1) + ' %';
  $('rss').textContent = bytes(p.residentBytes);
  $('heap').textContent = bytes(p.heapUsedBytes);
  $('roomsNote').textContent = event.roomsTotal > event.rooms.length
    ? `(busiest ${event.rooms.length} of ${event.roomsTotal})` : '';
  const body = document.querySelector('#roomTable tbody');
  const rows = event.rooms.map((room) => {
    const tr = document.createElement('tr');
    tr.dataset.room = room.id;
    if (room.id === selected) tr.className = 'selected';
    const cells = [room.id, room.connections, bytes(room.documentBytes),
      new Date(room.lastActiveMillis).toLocaleTimeString()];
    cells.forEach((value, i) => {
      const td = document.createElement('td');
      td.textContent = value;
      if (i === 1 || i === 2) td.className = 'num';
      if (i === 1) td.dataset.field = 'connections';
      tr.append(td);
    });
    tr.addEventListener('click', () => showRoom(room.id));
    return tr;
  });
  body.replaceChildren(...rows);
  $('empty').hidden = rows.length > 0;
}

async function showRoom(id) {
  selected = id;
  const path = '/api/rooms/' + encodeURIComponent(id);
  const [room, documentText] = await Promise.all([
    fetch(withToken(path)).then((r) => r.ok ? r.json() : null),
    fetch(withToken(path + '/document')).then((r) => r.ok ? r.text() : null),
  ]);
  $('detail').hidden = false;
  $('detailId').textContent = id;
  const facts = $('detailFacts');
  facts.replaceChildren();
  if (room) {
    for (const [key, value] of Object.entries(room)) {
      const dt = document.createElement('dt');
      dt.textContent = key;
      const dd = document.createElement('dd');
      dd.textContent = key === 'documentBytes' ? bytes(value) : String(value);
      facts.append(dt, dd);
    }
  }
  let pretty = documentText;
  try { pretty = JSON.stringify(JSON.parse(documentText), null, 2); } catch (e) { /* shown as is */ }
  $('detailDocument').textContent = pretty ?? '(no document stored)';
  const links = $('detailLinks');
  links.replaceChildren();
  if (grafanaUrl) links.append(grafanaLink('/d/symphony-room?var-room=' + encodeURIComponent(id), 'Grafana: this room'));
  await loadVersions(id);
}

// ---- versions: take, view (JSON) and restore, through /api/rooms/{id}/versions ----------------

const versionsPath = (id) => '/api/rooms/' + encodeURIComponent(id) + '/versions';

function versionMessage(text, error = false) {
  $('versionMessage').textContent = text;
  $('versionMessage').className = error ? 'note error' : 'note';
}

async function apiCall(method, path, body) {
  const response = await fetch(withToken(path), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error || response.status + ' ' + response.statusText);
  return json;
}

async function loadVersions(id) {
  let versions = [];
  try {
    versions = (await apiCall('GET', versionsPath(id))).versions;
  } catch (e) {
    versionMessage('Versions: ' + e.message, true);
  }
  if (id !== selected) return;
  const rows = versions.map((version) => {
    const tr = document.createElement('tr');
    tr.dataset.version = version.id;
    const cells = [new Date(version.createdMillis).toLocaleString(), version.name ?? '', version.trigger, bytes(version.bytes)];
    cells.forEach((value, i) => {
      const td = document.createElement('td');
      td.textContent = value;
      if (i === 3) td.className = 'num';
      tr.append(td);
    });
    const actions = document.createElement('td');
    const view = document.createElement('button');
    view.textContent = 'View';
    view.className = 'view';
    view.addEventListener('click', () => viewVersion(id, version));
    const restore = document.createElement('button');
    restore.textContent = 'Restore';
    restore.className = 'restore';
    restore.addEventListener('click', () => restoreVersion(id, version));
    actions.append(view, restore);
    tr.append(actions);
    return tr;
  });
  document.querySelector('#versionTable tbody').replaceChildren(...rows);
  $('versionsEmpty').hidden = rows.length > 0;
}

function label(version) {
  return (version.name ? '“' + version.name + '” ' : '') + new Date(version.createdMillis).toLocaleString();
}

async function viewVersion(id, version) {
  try {
    const response = await fetch(withToken(versionsPath(id) + '/' + version.id));
    const text = await response.text();
    if (!response.ok) throw new Error(JSON.parse(text).error);
    $('versionViewTitle').textContent = 'Version ' + label(version);
    $('versionView').textContent = JSON.stringify(JSON.parse(text), null, 2);
    $('versionViewTitle').hidden = false;
    $('versionView').hidden = false;
  } catch (e) {
    versionMessage('View failed: ' + e.message, true);
  }
}

async function restoreVersion(id, version) {
  if (!confirm('Restore room ' + id + ' to version ' + label(version) + '?\n' +
      'Connected clients receive the change; the current state is kept as a version first.')) return;
  try {
    const result = await apiCall('POST', versionsPath(id) + '/' + version.id + '/restore');
    versionMessage((result.backup
      ? 'Restored ' + label(version) + '; the state before is kept as version ' + result.backup.id
      : 'The document already equals ' + label(version) + '; nothing changed') +
      (result.problems.length ? ' (' + result.problems.join('; ') + ')' : ''));
    await showRoom(id);
  } catch (e) {
    versionMessage('Restore failed: ' + e.message, true);
  }
}

$('versionForm').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!selected) return;
  const name = $('versionName').value.trim();
  try {
    const version = await apiCall('POST', versionsPath(selected), name ? { name } : {});
    $('versionName').value = '';
    versionMessage('Took version ' + label(version));
    await loadVersions(selected);
  } catch (e) {
    versionMessage('Taking a version failed: ' + e.message, true);
  }
});

function connect() {
  const source = new EventSource(withToken('/api/events'));
  source.addEventListener('metrics', (message) => {
    $('status').textContent = 'live';
    $('status').className = 'status live';
    render(JSON.parse(message.data));
  });
  source.onerror = () => {
    $('status').textContent = 'reconnecting…';
    $('status').className = 'status down';
  };
}

loadInfo();
connect();
