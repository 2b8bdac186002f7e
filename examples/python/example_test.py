#!/usr/bin/env python3
"""Runs the Python example against the real services: starts ingest-service and
query-service on loopback ports, ingests the bundled corpus, and checks what
ledger_client.py answers, including a Watch that resumes after the query
service is killed and restarted. Run by ctest (examples/CMakeLists.txt):

  example_test.py BUILD_DIR SOURCE_DIR
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

BUILD_DIR, SOURCE_DIR = (sys.argv[1], sys.argv[2]) if len(sys.argv) >= 3 else (
    os.environ["ALLIANCE_BINARY_DIR"], os.environ["ALLIANCE_SOURCE_DIR"])
HERE = os.path.dirname(os.path.abspath(__file__))
try:
    import grpc  # noqa: F401
    import grpc_tools  # noqa: F401
except ImportError as missing:
    print("SKIPPED: %s; install Debian's python3-grpcio and python3-grpc-tools" % missing)
    sys.exit(77)  # ctest's SKIP_RETURN_CODE
STUBS = tempfile.mkdtemp(prefix="alliance-py-stubs-")
subprocess.run([os.path.join(HERE, "make_stubs.sh"), STUBS], check=True, stdout=subprocess.DEVNULL)
os.environ["ALLIANCE_PY_STUBS"] = STUBS
sys.path.insert(0, HERE)

import ledger_client  # noqa: E402
from alliance.v1 import ingest_service_pb2 as ingest_pb  # noqa: E402
from alliance.v1 import ingest_service_pb2_grpc as ingest_grpc  # noqa: E402
from alliance.v1 import query_service_pb2 as query_pb  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Services:
    """The two real binaries in a temporary directory; the query service on a
    fixed port so that it can be restarted where clients expect it."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="alliance-py-example-")
        self.query_port = free_port()
        self.ingest = self._start("ingest-service/ingest-service", [
            "--listen=127.0.0.1:0", "--port_file=%s/ingest.port" % self.root, "--db=%s/ingest-db" % self.root,
            "--lexicon_dir=%s" % os.path.join(SOURCE_DIR, "data/lexicon")], "ingest")
        self.ingest_address = "127.0.0.1:%d" % self._port("ingest")
        self.query = None
        self.start_query()

    def _start(self, binary, args, name):
        with open(os.path.join(self.root, name + ".log"), "ab") as log:
            return subprocess.Popen([os.path.join(BUILD_DIR, binary)] + args, stdout=log, stderr=log)

    def _port(self, name):
        path = os.path.join(self.root, name + ".port")
        for _ in range(400):
            if os.path.exists(path):
                with open(path) as f:
                    text = f.read().strip()
                if text:
                    return int(text)
            time.sleep(0.05)
        raise RuntimeError(name + " wrote no port file")

    def start_query(self):
        port_file = os.path.join(self.root, "query.port")
        if os.path.exists(port_file):
            os.remove(port_file)
        self.query = self._start("query-service/query-service", [
            "--listen=127.0.0.1:%d" % self.query_port, "--port_file=" + port_file, "--db=%s/query-db" % self.root,
            "--ingest=" + self.ingest_address, "--heartbeat_seconds=1"], "query")
        self._port("query")

    def kill_query(self):
        self.query.send_signal(signal.SIGKILL)
        self.query.wait(timeout=10)

    def stop(self):
        for process in (self.query, self.ingest):
            if process and process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)


class PythonExampleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.services = Services()
        cls.ingest = ingest_grpc.IngestServiceStub(grpc.insecure_channel(cls.services.ingest_address))
        cls.query = ledger_client.connect("127.0.0.1:%d" % cls.services.query_port)
        corpus = os.path.join(SOURCE_DIR, "data/corpus")
        cls.files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".txt"))

    @classmethod
    def tearDownClass(cls):
        cls.services.stop()
        shutil.rmtree(STUBS, ignore_errors=True)

    def ingest_file(self, path):
        with open(path, encoding="utf-8") as f:
            request = ingest_pb.IngestDocumentRequest(document=ingest_pb.Document(text=f.read()))
        return self.ingest.IngestDocument(request, timeout=30).sequence

    def wait_applied(self, sequence):
        for _ in range(600):
            try:
                status = self.query.GetStatus(query_pb.GetStatusRequest(), timeout=5)
                if status.caught_up and status.applied_sequence >= sequence:
                    return
            except grpc.RpcError:
                pass
            time.sleep(0.1)
        self.fail("the query service did not apply sequence %d" % sequence)

    def test_members_history_and_a_watch_that_resumes(self):
        last = 0
        for path in self.files[:-1]:
            last = self.ingest_file(path)
        self.wait_applied(last)

        # A Watch from the current sequence, in a thread, that must live through a restart.
        seen, reconnects, done = [], [], threading.Event()
        watcher = threading.Thread(target=lambda: seen.append(ledger_client.watch(
            self.query, last, lambda change: seen.append(change), stop=done.is_set, retry_delay=0.1,
            on_reconnect=lambda at, error: reconnects.append(at))))
        watcher.start()
        time.sleep(0.5)
        self.services.kill_query()
        for _ in range(100):  # the watch notices the disconnect before the service returns
            if reconnects:
                break
            time.sleep(0.05)
        self.services.start_query()
        final = self.ingest_file(self.files[-1])
        self.wait_applied(final)
        for _ in range(200):
            if any(getattr(c, "sequence", 0) == final for c in seen):
                break
            time.sleep(0.05)
        done.set()
        watcher.join(timeout=10)
        self.assertFalse(watcher.is_alive(), "watch() returned once stop() was true")
        changes = [c for c in seen if not isinstance(c, int)]
        self.assertTrue(reconnects, "the watch saw the query service go away")
        self.assertEqual(reconnects[0], last, "it resumes after the last sequence it had")
        self.assertTrue(changes, "changes of the article ingested after the restart arrived")
        self.assertEqual({c.sequence for c in changes}, {final})
        self.assertEqual(len({(c.sequence, ledger_client.describe(c)) for c in changes}), len(changes),
                         "no change seen twice")
        self.assertEqual(seen[-1], final, "watch() returns the sequence to resume from")

        # The bundled corpus's members on 2008-01-01 (seed gold), each with its source quote.
        members = ledger_client.members_as_of(self.query, "2008-01-01")
        self.assertEqual(sorted(m[0] for m in members), ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"])
        for country, status, since, quote in members:
            self.assertEqual(status, "MEMBERSHIP_STATUS_MEMBER", country)
            self.assertTrue(quote, country + " is quoted")
        self.assertNotIn("UZB", [m[0] for m in ledger_client.members_as_of(self.query, "2013-01-01")])

        # Uzbekistan's history: it left, came back and left again.
        events, periods = ledger_client.history(self.query, "UZB")
        actions = [action for _, action, _ in events]
        self.assertIn("MEMBERSHIP_ACTION_WITHDREW", actions)
        self.assertTrue(all(quote for _, _, quote in events))
        self.assertGreaterEqual(len([p for p in periods if p[0] == "MEMBERSHIP_STATUS_MEMBER"]), 2)
        self.assertTrue(all(start for _, start, _ in periods), "every period has its start (the `from` field)")

    def test_the_command_line_prints_answers(self):
        for path in self.files:
            last = self.ingest_file(path)
        self.wait_applied(last)
        address = "127.0.0.1:%d" % self.services.query_port
        env = dict(os.environ, ALLIANCE_PY_STUBS=STUBS)
        out = subprocess.run([sys.executable, os.path.join(HERE, "ledger_client.py"), "--query", address,
                              "members", "--as-of", "2000-01-01"], check=True, capture_output=True, text=True,
                             env=env, timeout=60).stdout
        self.assertEqual(sorted(line.split()[0] for line in out.splitlines()),
                         ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"])
        out = subprocess.run([sys.executable, os.path.join(HERE, "ledger_client.py"), "--query", address,
                              "watch", "--after", "0", "--count", "3"], check=True, capture_output=True,
                             text=True, env=env, timeout=60).stdout
        self.assertGreaterEqual(len([line for line in out.splitlines() if "(seq " in line]), 3)
        self.assertRegex(out.splitlines()[-1], r"^resume with --after \d+$")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
