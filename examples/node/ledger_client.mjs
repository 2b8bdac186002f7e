#!/usr/bin/env node
// A small Alliance Ledger client in Node, on @grpc/grpc-js and
// @grpc/proto-loader, loading the .proto files at run time.
//
// Three things an analyst asks, each a function you can copy:
//   membersAsOf(client, '2008-01-01')   who was a member on a date, with the quote
//   history(client, 'UZB')              one country's events and membership periods
//   watch(client, after, onChange, …)   follow new facts, resuming after a disconnect
//
//   node ledger_client.mjs --query 127.0.0.1:50052 members --as-of 2008-01-01
//   node ledger_client.mjs --query 127.0.0.1:50052 history UZB
//   node ledger_client.mjs --query 127.0.0.1:50052 watch --after 0 --count 5
//
// Field names: the .proto files use snake_case (as_of, after_sequence). The
// loader is given keepCase: true, so requests and responses use those same
// names; with proto-loader's default (camelCase) a request written with
// snake_case keys has them silently ignored (ListMembers with `as_of` would
// answer today's members).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));

// Returns the alliance.v1 package, loaded from `protoDir` (default: the repository's proto/).
export function loadApi(protoDir = process.env.ALLIANCE_PROTO_DIR || path.join(here, '../../proto')) {
  const definition = protoLoader.loadSync(['alliance/v1/query_service.proto', 'alliance/v1/ingest_service.proto'], {
    includeDirs: [protoDir], keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).alliance.v1;
}

// Returns a QueryService client for `address` ("host:port"), plaintext; with
// `token`, every call carries "authorization: Bearer <token>" as metadata
// (grpc-js sends call credentials over TLS only).
export function connect(api, address, token) {
  const client = new api.QueryService(address, grpc.credentials.createInsecure());
  client.allianceToken = token;
  return client;
}

// Calls a unary method and resolves with its response (deadline: 10 s).
export function call(client, method, request) {
  const metadata = new grpc.Metadata();
  if (client.allianceToken) metadata.set('authorization', `Bearer ${client.allianceToken}`);
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: new Date(Date.now() + 10000) },
      (error, response) => (error ? reject(error) : resolve(response)));
  });
}

// "2008-01-01", "2008-01", "2008", or the words when undated.
export function formatDate(date) {
  if (!date || !date.year) return date ? date.as_written : '';
  const parts = [String(date.year).padStart(4, '0')];
  for (const value of [date.month, date.day]) if (value) parts.push(String(value).padStart(2, '0'));
  return (date.approximate ? '~' : '') + parts.join('-');
}

// Resolves with [{country, status, since, quote}] of the members on `isoDate`.
export async function membersAsOf(client, isoDate, organization = '') {
  const [year, month, day] = isoDate.split('-').map(Number);
  const request = { organization, as_of: { year, month, day }, page_token: '' };
  const members = [];
  for (;;) {
    const response = await call(client, 'ListMembers', request);
    for (const m of response.members) {
      members.push({ country: m.country, status: m.status, since: formatDate(m.since), quote: m.evidence[0]?.quote ?? '' });
    }
    if (!response.next_page_token) return members;
    request.page_token = response.next_page_token;
  }
}

// Resolves with {events: [{date, action, quote}], periods: [{status, from, to}]} of `country`.
export async function history(client, country, organization = '') {
  const response = await call(client, 'GetMembershipHistory', { country, organization });
  return {
    events: response.events.map((e) => ({ date: formatDate(e.date), action: e.action, quote: e.evidence[0]?.quote ?? '' })),
    periods: response.periods.map((p) => ({ status: p.status, from: formatDate(p.from), to: formatDate(p.to) })),
  };
}

const RETRYABLE = new Set([grpc.status.UNAVAILABLE, grpc.status.CANCELLED, grpc.status.DEADLINE_EXCEEDED,
  grpc.status.INTERNAL]);

// Calls onChange(change) for every fact change after `afterSequence` until
// stop() is true (checked after each message and before each reconnect);
// resolves with the sequence to resume from.
//
// Resumes after a disconnect (the query service restarted, the network
// dropped) from the last complete sequence, with a doubling delay, so no
// change is lost or seen twice: the parts of one large entry (continued) are
// held back until its last part arrives, because a resume sends that entry
// again from its start. Other errors (OUT_OF_RANGE: history no longer kept,
// bad arguments) reject.
export async function watch(client, afterSequence, onChange, stop,
  { retryDelayMs = 200, maxDelayMs = 5000, onReconnect = () => {} } = {}) {
  let cursor = afterSequence;
  let delay = retryDelayMs;
  while (!stop()) {
    const error = await new Promise((resolve) => {
      const metadata = new grpc.Metadata();
      if (client.allianceToken) metadata.set('authorization', `Bearer ${client.allianceToken}`);
      const stream = client.Watch({ after_sequence: cursor }, metadata);
      let held = [];
      const poll = setInterval(() => { if (stop()) stream.cancel(); }, 50);
      stream.on('data', (response) => {
        delay = retryDelayMs;
        if (response.continued) {
          held.push(...response.changes);
          return;
        }
        for (const change of [...held, ...response.changes]) onChange(change);
        held = [];
        cursor = response.sequence;
        if (stop()) stream.cancel();
      });
      stream.on('error', (e) => { clearInterval(poll); resolve(e); });
      stream.on('end', () => { clearInterval(poll); resolve(null); });
    });
    if (stop()) break;
    if (error && !RETRYABLE.has(error.code)) throw error;
    onReconnect(cursor, error);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, maxDelayMs);
  }
  return cursor;
}

// "ADDED membership_event membership/CSTO/UZB/WITHDREW/2012 (seq 7)".
export function describe(change) {
  const fact = change.fact;
  const name = fact === 'conflict' ? `${change.conflict.subject_id} ${change.conflict.field}` : change[fact]?.id ?? '';
  return `${change.kind.replace('CHANGE_KIND_', '')} ${fact} ${name} (seq ${change.sequence})`;
}

async function main(argv) {
  const option = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : fallback;
  };
  const api = loadApi();
  const client = connect(api, option('--query', '127.0.0.1:50052'), option('--token', process.env.ALLIANCE_TOKEN));
  const command = argv.find((word) => ['members', 'history', 'watch'].includes(word));
  if (command === 'members') {
    for (const m of await membersAsOf(client, option('--as-of'))) {
      console.log(`${m.country}  ${m.status.padEnd(24)} since ${m.since.padEnd(10)}  ${m.quote.slice(0, 100)}`);
    }
  } else if (command === 'history') {
    const { events, periods } = await history(client, argv[argv.indexOf('history') + 1]);
    for (const e of events) console.log(`${e.date.padEnd(10)} ${e.action.padEnd(28)} ${e.quote.slice(0, 100)}`);
    for (const p of periods) console.log(`period ${p.status} ${p.from} .. ${p.to || 'now'}`);
  } else if (command === 'watch') {
    const count = Number(option('--count', '0'));
    let seen = 0;
    const resume = await watch(client, Number(option('--after', '0')), (change) => {
      seen += 1;
      console.log(describe(change));
    }, () => count > 0 && seen >= count, {
      onReconnect: (at, error) => console.error(`reconnecting after ${at}: ${error ? error.code : 'stream ended'}`),
    });
    console.log(`resume with --after ${resume}`);
  } else {
    console.error('usage: ledger_client.mjs [--query HOST:PORT] [--token T] members --as-of YYYY-MM-DD | history CODE | watch [--after N] [--count K]');
    return 2;
  }
  client.close();
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
    console.error(error.message);
    process.exit(1);
  });
}
