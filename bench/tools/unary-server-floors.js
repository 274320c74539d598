// Diagnostic: what a unary gRPC call costs on Node with grpc-js, and on Node's http2 alone.
//   node bench/tools/unary-server-floors.js grpc|h2 [--heavy] [port, default 50999]
// Serves x.Y/Check (any request; answers the bytes of `decision: 1`) either through a grpc-js
// Server or straight on an http2 server (gRPC framing by hand: length-prefixed message, grpc-status
// trailer). --heavy adds what the query service has that a do-nothing server lacks: ~60 MB of
// small live objects (like its caches) and some tens of µs of allocating work per call.
// Load it with a client that does not dominate the tail, e.g. ghz
// (`go install github.com/bojand/ghz/cmd/ghz@latest`) and this proto:
//   syntax = "proto3"; package x; message Req { string principal_arn = 1; }
//   message Res { int32 decision = 1; } service Y { rpc Check(Req) returns (Res); }
//   ghz --insecure --proto x.proto --call x.Y.Check -d '{"principal_arn":"a"}' \
//     --rps 5000 -c 50 --connections 1 -z 12s 127.0.0.1:50999
'use strict';
const http2 = require('http2');
const grpc = require('@grpc/grpc-js');

const [mode, ...rest] = process.argv.slice(2);
const heavy = rest.includes('--heavy');
const port = Number(rest.find((a) => /^\d+$/.test(a)) ?? 50999);
const REPLY = Buffer.from([8, 1]);

let work = () => 0;
if (heavy) {
  const live = [];
  for (let i = 0; i < 10_000; i++) {
    const p = { arn: `arn:aws:iam::123456789012:user/user-${i}`, groups: [], policies: [] };
    for (let g = 0; g < 3; g++)
      p.groups.push({ arn: `arn:aws:iam::123456789012:group/g${g}-${i}` });
    for (let k = 0; k < 20; k++) {
      p.policies.push({ sid: `s${k}`, actions: ['s3:Get*', 's3:List*'], cond: { k: `v${k}` } });
    }
    live.push(p);
  }
  work = () => {
    const context = { 'aws:username': 'x', 'aws:SourceIp': '10.1.2.3' };
    const principal = live[(Math.random() * live.length) | 0];
    let n = 0;
    for (let r = 0; r < 12; r++) {
      for (const s of principal.policies) if ({ a: s.actions[0], c: { ...context } }.a) n++;
    }
    return n;
  };
}

if (mode === 'grpc') {
  const bytes = (b) => b;
  const method = {
    path: '/x.Y/Check',
    requestStream: false,
    responseStream: false,
    requestSerialize: bytes,
    requestDeserialize: bytes,
    responseSerialize: bytes,
    responseDeserialize: bytes,
  };
  const server = new grpc.Server({ 'grpc.enable_channelz': 0 });
  server.addService({ Check: method }, { Check: (_call, done) => (work(), done(null, REPLY)) });
  server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (e) => {
    if (e) throw e;
    process.stdout.write(`grpc-js on ${port}${heavy ? ' (heavy)' : ''}\n`);
  });
} else if (mode === 'h2') {
  const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, REPLY.length]), REPLY]);
  const server = http2.createServer();
  server.on('stream', (stream) => {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      work();
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc+proto' },
        { waitForTrailers: true },
      );
      stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(framed);
    });
  });
  server.listen(port, '127.0.0.1', () =>
    process.stdout.write(`http2 on ${port}${heavy ? ' (heavy)' : ''}\n`),
  );
} else {
  process.stderr.write('usage: unary-server-floors.js grpc|h2 [--heavy] [port]\n');
  process.exit(2);
}
