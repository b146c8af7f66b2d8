// Starts the fauxqs SNS/SQS emulator on 127.0.0.1 only. Its own CLI
// (startFauxqs) always listens on 0.0.0.0, so this builds the same app and
// listens on loopback; port 0 takes a free one. Prints "LISTENING <port>"
// once ready, as peers.py's ListeningPeer expects.
import { buildApp } from "fauxqs";

const port = Number(process.argv[2] ?? 0);
const app = buildApp({ logger: false, defaultRegion: process.env.FAUXQS_DEFAULT_REGION });
const address = await app.listen({ port, host: "127.0.0.1" });
console.log(`LISTENING ${new URL(address).port}`);
for (const signal of ["SIGTERM", "SIGINT"])
  process.on(signal, () => app.close().then(() => process.exit(0)));
