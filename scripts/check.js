#!/usr/bin/env node
// A gRPC Check from the command line, for trying the service without grpcurl:
//   node scripts/check.js <principal-arn> <action> <resource> [consistency-token]
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');
const { join } = require('path');

const [principal, action, resource, token] = process.argv.slice(2);
if (!resource) {
  console.error(
    'usage: node scripts/check.js <principal-arn> <action> <resource> [consistency-token]',
  );
  process.exit(2);
}
const def = loader.loadSync(join(__dirname, '../libs/contracts/proto/authorization.proto'), {
  keepCase: true,
  oneofs: true,
  enums: String,
  defaults: true,
  longs: String,
});
const { AuthorizationService } = grpc.loadPackageDefinition(def).portcullis.authz.v1;
const address = process.env.IAM_GRPC_ADDRESS || `127.0.0.1:${process.env.IAM_GRPC_PORT || 50051}`;
const client = new AuthorizationService(address, grpc.credentials.createInsecure());
const request = {
  principal_arn: principal,
  action,
  resource,
  explain: true,
  consistency: token ? { at_least_as_fresh: token } : { minimize_latency: true },
};
client.Check(request, { deadline: Date.now() + 10000 }, (err, res) => {
  if (err) {
    console.error(`${grpc.status[err.code]}: ${err.details}`);
    process.exit(1);
  }
  console.log(JSON.stringify(res, null, 2));
  client.close();
});
