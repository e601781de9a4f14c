// The reverse proxy every deployment puts in front of the app (README: nginx with $proxy_add_x_forwarded_for),
// reduced to what the bench depends on: it appends the address it received the connection from to
// X-Forwarded-For and passes the request on, to one target or to several in turn (a round-robin balancer).
import http from "node:http";

export function startForwardingProxy({ port, target, targets = [target] }) {
  const upstreams = targets.map((t) => new URL(t));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const served = upstreams.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % upstreams.length;
    served[i]++;
    const t = upstreams[i];
    const prior = req.headers["x-forwarded-for"];
    // Host passes through unchanged (nginx: proxy_set_header Host $host): Next checks a server action's Origin
    // against it, and the browser named the public address.
    const headers = {
      ...req.headers,
      "x-forwarded-for": prior ? `${prior}, ${req.socket.remoteAddress}` : req.socket.remoteAddress,
    };
    const upstream = http.request(
      { host: t.hostname, port: t.port, path: req.url, method: req.method, headers, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
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
        /** Requests passed to each target so far, in the order of `targets`. */
        served: () => [...served],
        close: () =>
          new Promise((r) => {
            agent.destroy();
            server.close(() => r());
            server.closeAllConnections();
          }),
      }),
    );
  });
}
