// The bench's floor: a bare node:http server answering what the app's trivial
// route (/api/health/live) answers, in its own process like the app. Prints
// its port once listening.
import http from "node:http";

const body = JSON.stringify({ status: "ok" });
const server = http.createServer((_request, response) => {
  response.writeHead(200, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  response.end(body);
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
