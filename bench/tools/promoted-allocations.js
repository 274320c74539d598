// Diagnostic for the benchmarks' servers: which allocations survive young-generation GC (and so
// make old-generation collections, the p99 tail). Load it into a server with
//   BENCH_SERVER_NODE_ARGS="--require ./bench/tools/promoted-allocations.js" npm run bench:check -- …
// It samples for PROF_SAMPLE_MS (default 8 s) starting PROF_START_MS (default 30 s) after start,
// keeping objects a major GC frees later but not those a minor GC frees (PROF_ALL=1: those too,
// for all a server allocates), and writes
// /tmp/promoted-<pid>.json (a V8 sampling heap profile: Chrome DevTools opens it as .heapprofile).
'use strict';
const inspector = require('inspector');
const fs = require('fs');

const session = new inspector.Session();
session.connect();
const startAfter = Number(process.env.PROF_START_MS || 30_000);
const sampleFor = Number(process.env.PROF_SAMPLE_MS || 8_000);
setTimeout(() => {
  const options = {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: process.env.PROF_ALL === '1',
  };
  session.post('HeapProfiler.startSampling', options, (error) => {
    if (error) return console.error(`promoted-allocations: ${error.message}`);
    setTimeout(() => {
      session.post('HeapProfiler.stopSampling', (e, result) => {
        const out = `/tmp/promoted-${process.pid}.json`;
        if (e) return console.error(`promoted-allocations: ${e.message}`);
        fs.writeFileSync(out, JSON.stringify(result.profile));
        console.error(`promoted-allocations: wrote ${out}`);
      });
    }, sampleFor).unref();
  });
}, startAfter).unref();
