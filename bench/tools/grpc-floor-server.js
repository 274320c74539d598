// The transport floor for bench:check: a grpc-js server of the same AuthorizationService proto,
// with the query service's server options, whose Check answers one fixed response without
// reading anything (no authentication, no lookup, no evaluation). What the load client measures
// against it is what Node's gRPC transport alone costs on this machine: the query service
// cannot be faster or have a shorter tail than this.
//   node bench/tools/grpc-floor-server.js <port>
'use strict';
const { join } = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const port = Number(process.argv[2]);
const definition = protoLoader.loadSync(
  join(__dirname, '../../libs/contracts/proto/authorization.proto'),
  { keepCase: true, oneofs: true, enums: String, defaults: true, longs: String },
);
const service = definition['portcullis.authz.v1.AuthorizationService'];
const answer = {
  decision: 'IMPLICIT_DENY',
  matched_statements: [],
  evaluated_at: 'floor',
  decided_by: '',
};
const server = new grpc.Server({ 'grpc.enable_channelz': 0 });
server.addService(service, { Check: (_call, callback) => callback(null, answer) });
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error) => {
  if (error) {
    process.stderr.write(`grpc-floor-server: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`listening on ${port}\n`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
