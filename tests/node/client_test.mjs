// A plain Node gRPC client that loads proto/ and uses both services, as a
// client in another language would. Starts the real binaries on loopback ports.
//
// Usage: node client_test.mjs <build-dir> <source-dir>
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const [buildDir, sourceDir] = process.argv.slice(2).length >= 2
  ? process.argv.slice(2)
  : [process.env.ALLIANCE_BINARY_DIR, process.env.ALLIANCE_SOURCE_DIR];
assert.ok(buildDir && sourceDir, 'usage: client_test.mjs <build-dir> <source-dir>');

const definition = protoLoader.loadSync(
  ['alliance/v1/ingest_service.proto', 'alliance/v1/query_service.proto'],
  { includeDirs: [path.join(sourceDir, 'proto')], keepCase: true, longs: Number, enums: String, defaults: true });
const v1 = grpc.loadPackageDefinition(definition).alliance.v1;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alliance-node-'));
const children = [];

function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

async function startService(binary, args, portFile) {
  const log = fs.openSync(path.join(root, path.basename(binary) + '.log'), 'a');
  const child = spawn(path.join(buildDir, binary), args, { stdio: ['ignore', log, log] });
  children.push(child);
  for (let i = 0; i < 300; i++) {
    if (fs.existsSync(portFile)) {
      const port = parseInt(fs.readFileSync(portFile, 'utf8'), 10);
      if (port > 0) return `127.0.0.1:${port}`;
    }
    await sleep(50);
  }
  throw new Error(`${binary} wrote no port file`);
}

function call(client, method, request) {
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + 20000);
    client[method](request, { deadline }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

let ingest;
let query;

before(async () => {
  const ingestAddress = await startService('ingest-service/ingest-service', [
    '--listen=127.0.0.1:0', `--port_file=${root}/ingest.port`, `--db=${root}/ingest-db`,
    `--lexicon_dir=${path.join(sourceDir, 'data/lexicon')}`], `${root}/ingest.port`);
  const queryAddress = await startService('query-service/query-service', [
    '--listen=127.0.0.1:0', `--port_file=${root}/query.port`, `--db=${root}/query-db`,
    `--ingest=${ingestAddress}`, '--heartbeat_seconds=1'], `${root}/query.port`);
  ingest = new v1.IngestService(ingestAddress, grpc.credentials.createInsecure());
  query = new v1.QueryService(queryAddress, grpc.credentials.createInsecure());
});

after(() => {
  ingest?.close();
  query?.close();
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

test('a Node client ingests the corpus, sees catch-up, a duplicate, a refusal, and every query answers', async () => {
  const corpusDir = path.join(sourceDir, 'data/corpus');
  const files = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort();
  assert.ok(files.length >= 5);
  let last = 0;
  let firstText = '';
  for (const file of files) {
    const text = fs.readFileSync(path.join(corpusDir, file), 'utf8');
    if (!firstText) firstText = text;
    const ack = await call(ingest, 'IngestDocument', { document: { text, title: file } });
    assert.equal(ack.duplicate, false);
    assert.equal(ack.document_id.length, 32);
    assert.equal(ack.sequence, last + 1);
    last = ack.sequence;
  }

  let status;
  for (let i = 0; i < 600; i++) {
    status = await call(query, 'GetStatus', {});
    if (status.caught_up && status.applied_sequence >= last) break;
    await sleep(100);
  }
  assert.equal(status.applied_sequence, last);
  assert.equal(status.documents, files.length);

  const duplicate = await call(ingest, 'IngestDocument', { document: { text: firstText } });
  assert.equal(duplicate.duplicate, true);
  assert.equal(duplicate.sequence, 1);

  await assert.rejects(call(ingest, 'IngestDocument', { document: { text: '   ' } }), (error) => {
    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    assert.match(error.details, /document\.text/);
    return true;
  });

  const members = await call(query, 'ListMembers', { as_of: { as_written: '2005-01-01' } });
  assert.ok(Array.isArray(members.members));
  const history = await call(query, 'GetMembershipHistory', { country: 'UZB' });
  assert.ok(Array.isArray(history.events) && Array.isArray(history.periods));
  for (const [method, field] of [['ListMembershipEvents', 'events'], ['ListInterventions', 'interventions'],
    ['ListAssistanceRequests', 'requests'], ['ListConflicts', 'conflicts']]) {
    const response = await call(query, method, {});
    assert.ok(Array.isArray(response[field]), method);
  }
  await assert.rejects(call(query, 'GetMembershipHistory', { country: 'XYZ' }), (error) => {
    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    assert.match(error.details, /country/);
    return true;
  });

  const watch = query.Watch({ after_sequence: 0 });
  const first = await new Promise((resolve, reject) => {
    watch.on('data', resolve);
    watch.on('error', reject);
  });
  assert.ok(first.sequence >= 0);
  watch.cancel();
});
