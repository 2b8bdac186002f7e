// Runs the Node example against the real services: starts ingest-service and
// query-service on loopback ports, ingests the bundled corpus, and checks what
// ledger_client.mjs answers, including a Watch that resumes after the query
// service is killed and restarted. Run by ctest (examples/CMakeLists.txt):
//
//   node --test example_test.mjs   with ALLIANCE_BINARY_DIR and ALLIANCE_SOURCE_DIR set
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import { loadApi, connect, call, membersAsOf, history, watch, describe } from './ledger_client.mjs';

const buildDir = process.env.ALLIANCE_BINARY_DIR;
const sourceDir = process.env.ALLIANCE_SOURCE_DIR;
assert.ok(buildDir && sourceDir, 'set ALLIANCE_BINARY_DIR and ALLIANCE_SOURCE_DIR');
const here = path.dirname(fileURLToPath(import.meta.url));
const api = loadApi(path.join(sourceDir, 'proto'));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alliance-node-example-'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const processes = {};

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start(name, binary, args) {
  const portFile = path.join(root, `${name}.port`);
  fs.rmSync(portFile, { force: true });
  const log = fs.openSync(path.join(root, `${name}.log`), 'a');
  processes[name] = spawn(path.join(buildDir, binary), [...args, `--port_file=${portFile}`], { stdio: ['ignore', log, log] });
  for (let i = 0; i < 400; i++) {
    if (fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim()) {
      return Number(fs.readFileSync(portFile, 'utf8'));
    }
    await sleep(50);
  }
  throw new Error(`${name} wrote no port file`);
}

let ingest, query, queryPort, ingestAddress;
const startQuery = () => start('query', 'query-service/query-service', [`--listen=127.0.0.1:${queryPort}`,
  `--db=${root}/query-db`, `--ingest=${ingestAddress}`, '--heartbeat_seconds=1']);
const corpus = fs.readdirSync(path.join(sourceDir, 'data/corpus')).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => path.join(sourceDir, 'data/corpus', f));

async function ingestFile(file) {
  const ack = await call(ingest, 'IngestDocument', { document: { text: fs.readFileSync(file, 'utf8') } });
  return ack.sequence;
}

async function waitApplied(sequence) {
  for (let i = 0; i < 600; i++) {
    try {
      const status = await call(query, 'GetStatus', {});
      if (status.caught_up && status.applied_sequence >= sequence) return;
    } catch { /* restarting */ }
    await sleep(100);
  }
  assert.fail(`the query service did not apply sequence ${sequence}`);
}

before(async () => {
  ingestAddress = `127.0.0.1:${await start('ingest', 'ingest-service/ingest-service', ['--listen=127.0.0.1:0',
    `--db=${root}/ingest-db`, `--lexicon_dir=${path.join(sourceDir, 'data/lexicon')}`])}`;
  queryPort = await freePort();
  await startQuery();
  ingest = new api.IngestService(ingestAddress, grpc.credentials.createInsecure());
  query = connect(api, `127.0.0.1:${queryPort}`);
});

after(() => {
  ingest?.close();
  query?.close();
  for (const child of Object.values(processes)) child.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

test('members on a date, a history, and a Watch that resumes after the query service is killed', async () => {
  let last = 0;
  for (const file of corpus.slice(0, -1)) last = await ingestFile(file);
  await waitApplied(last);

  const seen = [];
  const reconnects = [];
  let done = false;
  const watching = watch(query, last, (change) => seen.push(change), () => done,
    { retryDelayMs: 100, onReconnect: (at) => reconnects.push(at) });
  await sleep(500);
  processes.query.kill('SIGKILL');
  await new Promise((resolve) => processes.query.once('exit', resolve));
  for (let i = 0; i < 100 && reconnects.length === 0; i++) await sleep(50);
  await startQuery();
  const final = await ingestFile(corpus.at(-1));
  await waitApplied(final);
  for (let i = 0; i < 200 && !seen.some((c) => c.sequence === final); i++) await sleep(50);
  done = true;
  const resume = await watching;

  assert.ok(reconnects.length > 0, 'the watch saw the query service go away');
  assert.equal(reconnects[0], last, 'it resumes after the last sequence it had');
  assert.ok(seen.length > 0, 'changes of the article ingested after the restart arrived');
  assert.deepEqual([...new Set(seen.map((c) => c.sequence))], [final]);
  assert.equal(new Set(seen.map(describe)).size, seen.length, 'no change seen twice');
  assert.equal(resume, final, 'watch() resolves with the sequence to resume from');

  // The bundled corpus's members on 2008-01-01 (seed gold), each with its source quote.
  const members = await membersAsOf(query, '2008-01-01');
  assert.deepEqual(members.map((m) => m.country).sort(), ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB']);
  for (const m of members) {
    assert.equal(m.status, 'MEMBERSHIP_STATUS_MEMBER', m.country);
    assert.ok(m.quote, `${m.country} is quoted`);
  }
  assert.ok(!(await membersAsOf(query, '2013-01-01')).some((m) => m.country === 'UZB'));

  // Uzbekistan's history: it left, came back and left again.
  const uzb = await history(query, 'UZB');
  assert.ok(uzb.events.some((e) => e.action === 'MEMBERSHIP_ACTION_WITHDREW'));
  assert.ok(uzb.events.every((e) => e.quote));
  assert.ok(uzb.periods.filter((p) => p.status === 'MEMBERSHIP_STATUS_MEMBER').length >= 2);
  assert.ok(uzb.periods.every((p) => p.from), 'every period has its start');
});

test('the command line prints answers', async () => {
  let last = 0;
  for (const file of corpus) last = await ingestFile(file);
  await waitApplied(last);
  const run = (...args) => execFileSync(process.execPath, [path.join(here, 'ledger_client.mjs'),
    '--query', `127.0.0.1:${queryPort}`, ...args], { encoding: 'utf8', timeout: 60000,
    env: { ...process.env, ALLIANCE_PROTO_DIR: path.join(sourceDir, 'proto') } });
  const members = run('members', '--as-of', '2000-01-01').trim().split('\n').map((line) => line.split(/\s+/)[0]);
  assert.deepEqual(members.sort(), ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK']);
  const lines = run('watch', '--after', '0', '--count', '3').trim().split('\n');
  assert.ok(lines.filter((line) => line.includes('(seq ')).length >= 3);
  assert.match(lines.at(-1), /^resume with --after \d+$/);
});
