// Development server: bundles src/app.js (with yjs and y-websocket) on each request and serves public/.
// `npm start`; PORT and HOST change where it listens (default http://127.0.0.1:8080).
import * as esbuild from 'esbuild';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 8080);

const context = await esbuild.context({
  entryPoints: ['src/app.js'],
  bundle: true,
  format: 'esm',
  sourcemap: true,
  outdir: 'public/build',
  logLevel: 'warning',
});
const served = await context.serve({ host, port, servedir: 'public' });
console.log(`ready: open http://${host}:${served.port}/ in two browser windows`);
console.log('(symphony serve must be running: see README.md; Ctrl+C stops this server)');
