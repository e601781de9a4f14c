// The reverse proxy every deployment puts in front of the app (README: nginx with $proxy_add_x_forwarded_for),
// reduced to what the limiter depends on: it appends the address it received the connection from to
// X-Forwarded-For and passes the request on. Used to measure the per-address limiter as it runs in production.
import http from "node:http";

export function startForwardingProxy({ port, target }) {
  const t = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const prior = req.headers["x-forwarded-for"];
    const headers = { ...req.headers, host: t.host, "x-forwarded-for": prior ? `${prior}, ${req.socket.remoteAddress}` : req.socket.remoteAddress };
    const upstream = http.request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => { agent.destroy(); server.close(() => r()); server.closeAllConnections(); }),
      }),
    );
  });
}
