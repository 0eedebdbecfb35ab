// Starts a plain Hocuspocus server (no extensions, no persistence, no auth hook) for the load
// harness: node hocuspocus-server.mjs <port>. It listens on 127.0.0.1 only.
import { Server } from '@hocuspocus/server'

const port = Number.parseInt(process.argv[2] ?? process.env.PORT ?? '1234', 10)

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true
})

await server.listen()
console.log(`hocuspocus listening on 127.0.0.1:${port}`)

const stop = async () => {
  await server.destroy()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
