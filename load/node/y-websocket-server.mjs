// Starts @y/websocket-server's own server (its bin, src/server.js) on 127.0.0.1:<port>:
// node y-websocket-server.mjs <port>. A wrapper so that both competitors start the same way.
process.env.HOST = '127.0.0.1'
process.env.PORT = process.argv[2] ?? process.env.PORT ?? '1234'
await import('./node_modules/@y/websocket-server/src/server.js')
