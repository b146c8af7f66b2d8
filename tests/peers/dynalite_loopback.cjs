// Starts the dynalite DynamoDB emulator (in memory) on 127.0.0.1 only; port
// 0 takes a free one (its own CLI turns 0 into 4567). Prints
// "LISTENING <port>" once ready, as peers.py's ListeningPeer expects.
// Tables leave CREATING at once (createTableMs 0): tests still poll
// DescribeTable, as against DynamoDB.
const dynalite = require("dynalite");

const port = Number(process.argv[2] ?? 0);
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(port, "127.0.0.1", () => {
  console.log(`LISTENING ${server.address().port}`);
});
for (const signal of ["SIGTERM", "SIGINT"])
  process.on(signal, () => server.close(() => process.exit(0)));
