#!/usr/bin/env node
// Readiness probes for scripts/services.sh, with no npm dependency (it runs before `npm ci` too).
//   node probe.js kafka 127.0.0.1:9092   -> exits 0 when the broker answers Metadata with a broker
//                                           and a controller, and its group and transaction
//                                           coordinators answer (PROBE_OFFSETS_PARTITIONS: the
//                                           broker's offsets.topic.num.partitions, default 50)
//   node probe.js mongo 127.0.0.1:27017  -> OP_MSG {ping: 1}: exits 0 when the reply has ok: 1
// Prints a one-line reason on failure (exit 1). Each probe gives up after 3 s.
'use strict';
const net = require('node:net');

const [kind, addr] = process.argv.slice(2);
const [host, portText] = (addr || '').split(':');
const port = Number(portText);

function fail(msg) {
  process.stdout.write(`${msg}\n`);
  process.exit(1);
}

/** Sends `payload`, resolves with the first whole frame (int32 length prefix, little or big endian). */
function roundTrip(socket, payload, littleEndian) {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4) return;
      const len = littleEndian ? buf.readInt32LE(0) : buf.readInt32BE(0) + 4;
      if (buf.length >= len) {
        socket.off('data', onData);
        resolve(buf.subarray(0, len));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(payload);
  });
}

function connect() {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

// ---- Kafka (big-endian, non-flexible request versions only) ----
function kafkaRequest(apiKey, apiVersion, correlationId, body) {
  const clientId = Buffer.from('portcullis-probe');
  const header = Buffer.alloc(10 + clientId.length);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(clientId.length, 8);
  clientId.copy(header, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + body.length, 0);
  return Buffer.concat([size, header, body]);
}

function kafkaString(text) {
  const b = Buffer.from(text);
  const len = Buffer.alloc(2);
  len.writeInt16BE(b.length, 0);
  return Buffer.concat([len, b]);
}

/** Java's String.hashCode, then Kafka's Utils.abs(h) % n: the __consumer_offsets partition of a group. */
function groupPartition(groupId, partitions) {
  let h = 0;
  for (let i = 0; i < groupId.length; i++) h = (Math.imul(h, 31) + groupId.charCodeAt(i)) | 0;
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions;
}

/** Highest version in [lo, hi] that the broker serves for apiKey, or -1. */
function pick(versions, apiKey, lo, hi) {
  const r = versions.get(apiKey);
  if (!r) return -1;
  const v = Math.min(hi, r[1]);
  return v >= Math.max(lo, r[0]) ? v : -1;
}

async function probeKafka() {
  const s = await connect();
  let correlation = 0;
  const call = (apiKey, version, body) =>
    roundTrip(s, kafkaRequest(apiKey, version, ++correlation, body), false);
  try {
    // ApiVersions v0: every broker answers it.
    const av = await call(18, 0, Buffer.alloc(0));
    let o = 8; // size + correlation id
    const err = av.readInt16BE(o);
    o += 2;
    if (err !== 0) fail(`kafka: ApiVersions error ${err}`);
    const n = av.readInt32BE(o);
    o += 4;
    const versions = new Map();
    for (let i = 0; i < n; i++, o += 6) {
      versions.set(av.readInt16BE(o), [av.readInt16BE(o + 2), av.readInt16BE(o + 4)]);
    }

    // Metadata v4..v8 (non-flexible): a broker and a controller are known.
    const mv = pick(versions, 3, 4, 8);
    if (mv < 0) fail('kafka: no Metadata version between 4 and 8');
    // topics: empty array (no topics), allow_auto_topic_creation=false, [v8: two false flags]
    const md = await call(3, mv, Buffer.alloc(mv >= 8 ? 7 : 5));
    o = 8 + 4; // size, correlation id, throttle_time_ms
    const brokers = md.readInt32BE(o);
    o += 4;
    for (let i = 0; i < brokers; i++) {
      o += 4; // node id
      o += 2 + md.readInt16BE(o); // host
      o += 4; // port
      const rack = md.readInt16BE(o);
      o += 2 + Math.max(rack, 0);
    }
    const cluster = md.readInt16BE(o);
    const clusterId = cluster > 0 ? md.subarray(o + 2, o + 2 + cluster).toString() : '';
    o += 2 + Math.max(cluster, 0);
    const controller = md.readInt32BE(o);
    if (brokers < 1 || controller < 0)
      fail(`kafka: metadata not ready (brokers=${brokers}, controller=${controller})`);

    // FindCoordinator v1..v2 for a group and a transactional id: creates __consumer_offsets and
    // __transaction_state on a fresh broker and answers once they have leaders.
    const fv = pick(versions, 10, 1, 2);
    if (fv < 0) fail('kafka: no FindCoordinator version between 1 and 2');
    for (const [keyType, what] of [
      [0, 'group'],
      [1, 'transaction'],
    ]) {
      const res = await call(
        10,
        fv,
        Buffer.concat([kafkaString('portcullis-probe'), Buffer.from([keyType])]),
      );
      const code = res.readInt16BE(8 + 4);
      if (code !== 0) fail(`kafka: ${what} coordinator not ready (error ${code})`);
    }

    // OffsetFetch v3..v5 for one group per __consumer_offsets partition: answers without error
    // only once the group coordinator has loaded that partition. (kafkajs does not retry
    // TxnOffsetCommit's NOT_COORDINATOR, so a fresh broker must be past this before tests run.)
    const ov = pick(versions, 9, 3, 5);
    if (ov < 0) fail('kafka: no OffsetFetch version between 3 and 5');
    const partitions = Number(process.env.PROBE_OFFSETS_PARTITIONS || 50);
    const groups = new Map();
    for (let i = 0; groups.size < partitions && i < partitions * 100; i++) {
      const id = `portcullis-probe-${i}`;
      const part = groupPartition(id, partitions);
      if (!groups.has(part)) groups.set(part, id);
    }
    for (const [part, id] of groups) {
      const topicsNull = Buffer.alloc(4);
      topicsNull.writeInt32BE(-1, 0);
      const res = await call(9, ov, Buffer.concat([kafkaString(id), topicsNull]));
      // throttle_time_ms, topics (none for a group without offsets), error_code
      const topics = res.readInt32BE(8 + 4);
      const code = topics === 0 ? res.readInt16BE(8 + 4 + 4) : 0;
      if (code !== 0) fail(`kafka: group coordinator partition ${part} not loaded (error ${code})`);
    }
    process.stdout.write(
      `kafka: ${brokers} broker(s), controller ${controller}, cluster ${clusterId}, coordinators ready\n`,
    );
  } finally {
    s.destroy();
  }
}

// ---- MongoDB wire protocol (little-endian BSON, OP_MSG) ----
function bsonDoc(fields) {
  const parts = [];
  for (const [k, v] of fields) {
    const key = Buffer.from(`${k}\0`);
    if (typeof v === 'number') {
      const b = Buffer.alloc(4);
      b.writeInt32LE(v, 0);
      parts.push(Buffer.from([0x10]), key, b);
    } else {
      const str = Buffer.from(`${v}\0`);
      const b = Buffer.alloc(4);
      b.writeInt32LE(str.length, 0);
      parts.push(Buffer.from([0x02]), key, b, str);
    }
  }
  const body = Buffer.concat(parts);
  const len = Buffer.alloc(4);
  len.writeInt32LE(body.length + 5, 0);
  return Buffer.concat([len, body, Buffer.from([0])]);
}

function bsonOk(doc) {
  let o = 4;
  while (o < doc.length - 1) {
    const type = doc[o++];
    const end = doc.indexOf(0, o);
    const key = doc.subarray(o, end).toString();
    o = end + 1;
    const size = { 0x01: 8, 0x10: 4, 0x12: 8, 0x08: 1, 0x09: 8, 0x11: 8, 0x0a: 0, 0x07: 12 }[type];
    if (key === 'ok') {
      if (type === 0x01) return doc.readDoubleLE(o);
      if (type === 0x10) return doc.readInt32LE(o);
      return NaN;
    }
    if (size !== undefined) o += size;
    else if (type === 0x02 || type === 0x0d || type === 0x0e) o += 4 + doc.readInt32LE(o);
    else if (type === 0x03 || type === 0x04) o += doc.readInt32LE(o);
    else if (type === 0x05) o += 5 + doc.readInt32LE(o);
    else return NaN;
  }
  return NaN;
}

async function probeMongo() {
  const s = await connect();
  try {
    const doc = bsonDoc([
      ['ping', 1],
      ['$db', 'admin'],
    ]);
    const header = Buffer.alloc(21);
    header.writeInt32LE(21 + doc.length, 0);
    header.writeInt32LE(1, 4); // request id
    header.writeInt32LE(0, 8); // response to
    header.writeInt32LE(2013, 12); // OP_MSG
    header.writeUInt32LE(0, 16); // flags
    header[20] = 0; // section kind 0: body
    const reply = await roundTrip(s, Buffer.concat([header, doc]), true);
    if (reply.readInt32LE(12) !== 2013 || reply[20] !== 0) fail('mongo: unexpected reply');
    const ok = bsonOk(reply.subarray(21));
    if (ok !== 1) fail(`mongo: ping answered ok=${ok}`);
    process.stdout.write('mongo: ping ok\n');
  } finally {
    s.destroy();
  }
}

if (!host || !port) fail('usage: probe.js kafka|mongo HOST:PORT');
setTimeout(() => fail(`${kind}: no answer from ${addr} within 3 s`), 3000).unref();
(kind === 'kafka'
  ? probeKafka()
  : kind === 'mongo'
    ? probeMongo()
    : Promise.reject(new Error(`unknown probe ${kind}`))
)
  .then(() => process.exit(0))
  .catch((e) => fail(`${kind}: ${e.code || e.message}`));
