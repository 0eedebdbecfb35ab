// Builds the whiteboard demo into the folder single-node serves it from (a classpath resource, so
// that `./symphony serve` needs no Node.js): the page, its style sheet, and one ES module bundling
// demo/whiteboard.js with this client library, yjs and y-websocket. The output depends only on the
// sources and the locked package versions; WhiteboardDemoBundleTest rebuilds it into target/ and
// fails when the committed files differ.
// Usage: node scripts/build-demo.mjs [output folder]
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resources = resolve(here, '../../backends/single-node/src/main/resources/dev/symphony/singlenode/demo');
const output = resolve(process.argv[2] ?? resources);

mkdirSync(output, { recursive: true });
await build({
  entryPoints: [join(here, 'demo/whiteboard.js')],
  outfile: join(output, 'whiteboard.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
});
for (const file of ['index.html', 'whiteboard.css']) copyFileSync(join(here, 'demo', file), join(output, file));
console.log(`built the whiteboard demo into ${output}`);
