#!/usr/bin/python3
"""deploy/k8s: probes, NetworkPolicy and schema, as deploy/README.md describes them.

  k8s_manifests_test.py SOURCE_DIR BUILD_DIR

* Renders deploy/k8s with `kubectl kustomize` (plain, and with the tls component
  switched on in a copy); without kubectl it reads the base files as they are and
  skips the tls checks.
* Checks the probes: liveness is a TCP connect (the process answers), readiness and
  startup are the gRPC health check that reports caught up; the NetworkPolicy admits
  only the query replicas and pods labelled alliance-ledger/ingest-client=true to the
  ingest port.
* Runs the real query service with no ingest service to follow, and checks that the
  liveness probe's check passes while the readiness one fails: a replica that has not
  caught up yet is not restarted.
* Validates every rendered object against the Kubernetes schemas of the pinned npm
  package kubernetes-models (tests/deploy/package.json; needs `npm ci` there).
Uses Debian's python3-yaml.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import yaml

SOURCE_DIR = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.getcwd()
BUILD_DIR = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(SOURCE_DIR, "build")
K8S_DIR = os.path.join(SOURCE_DIR, "deploy", "k8s")
KUBECTL = shutil.which("kubectl")
INGEST_CLIENT_LABEL = "alliance-ledger/ingest-client"
# The startup budget deploy/k8s/query-service.yaml derives: 100,000 real articles at
# 330 articles/s, doubled.
MIN_QUERY_STARTUP_SECONDS = 600


def kustomize(directory):
    result = subprocess.run([KUBECTL, "kustomize", directory], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"kubectl kustomize {directory}: {result.stderr}")
    return result.stdout


def render_base():
    if KUBECTL:
        return kustomize(K8S_DIR)
    with open(os.path.join(K8S_DIR, "kustomization.yaml")) as f:
        resources = yaml.safe_load(f)["resources"]
    return "\n---\n".join(read_text(os.path.join(K8S_DIR, name)) for name in resources)


def render_tls():
    """Renders a copy of deploy/k8s with `components: [tls]` switched on."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = os.path.join(scratch, "k8s")
        shutil.copytree(K8S_DIR, copy)
        path = os.path.join(copy, "kustomization.yaml")
        with open(path) as f:
            text = f.read()
        if "# components:\n#   - tls" not in text:
            raise AssertionError("kustomization.yaml no longer has the commented `components: [tls]`")
        with open(path, "w") as f:
            f.write(text.replace("# components:\n#   - tls", "components:\n  - tls"))
        return kustomize(copy)


def objects(rendered):
    return [o for o in yaml.safe_load_all(rendered) if o]


def find(objs, kind, name):
    matches = [o for o in objs if o["kind"] == kind and o["metadata"]["name"] == name]
    if len(matches) != 1:
        raise AssertionError(f"expected one {kind}/{name}, found {len(matches)}")
    return matches[0]


def container(workload):
    (only,) = workload["spec"]["template"]["spec"]["containers"]
    return only


def port_number(c, port):
    """Resolves a probe's port (number or container port name)."""
    if isinstance(port, int):
        return port
    return next(p["containerPort"] for p in c["ports"] if p.get("name") == port)


def read_text(path):
    with open(path) as f:
        return f.read()


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in selector["matchLabels"].items()) and not selector.get("matchExpressions")


class ProbesAndPolicy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.base = objects(render_base())
        cls.query = find(cls.base, "Deployment", "query-service")
        cls.ingest = find(cls.base, "StatefulSet", "ingest-service")

    def test_query_liveness_is_a_tcp_connect_to_the_grpc_port(self):
        c = container(self.query)
        live = c["livenessProbe"]
        self.assertEqual(set(live) & {"tcpSocket", "grpc", "exec", "httpGet"}, {"tcpSocket"}, live)
        self.assertEqual(port_number(c, live["tcpSocket"]["port"]), 50052)

    def test_query_readiness_and_startup_are_the_caught_up_health_check(self):
        c = container(self.query)
        for probe in ("readinessProbe", "startupProbe"):
            self.assertEqual(c[probe].get("grpc"), {"port": 50052}, f"{probe}: {c[probe]}")

    def test_query_startup_budget_covers_the_catch_up_estimate(self):
        startup = container(self.query)["startupProbe"]
        budget = startup.get("periodSeconds", 10) * startup.get("failureThreshold", 3)
        self.assertGreaterEqual(budget, MIN_QUERY_STARTUP_SECONDS, startup)

    def test_ingest_probes_are_its_grpc_health(self):
        c = container(self.ingest)
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            self.assertEqual(c[probe].get("grpc"), {"port": 50051}, f"{probe}: {c[probe]}")

    def test_network_policy_admits_only_query_replicas_and_labelled_clients_to_ingest(self):
        policy = find(self.base, "NetworkPolicy", "ingest-service")["spec"]
        ingest_labels = self.ingest["spec"]["template"]["metadata"]["labels"]
        query_labels = self.query["spec"]["template"]["metadata"]["labels"]
        self.assertTrue(selects(policy["podSelector"], ingest_labels), policy["podSelector"])
        self.assertFalse(selects(policy["podSelector"], query_labels), "the policy must not isolate the query pods")
        self.assertEqual(policy["policyTypes"], ["Ingress"])
        (rule,) = policy["ingress"]
        self.assertEqual(rule["ports"], [{"protocol": "TCP", "port": 50051}])
        self.assertEqual(container(self.ingest)["ports"][0]["containerPort"], 50051)
        peers = rule["from"]
        self.assertEqual(len(peers), 2, peers)
        for peer in peers:
            self.assertEqual(set(peer), {"podSelector"}, f"no namespace or IP peers: {peer}")
        self.assertTrue(selects(peers[0]["podSelector"], query_labels), peers[0])
        self.assertEqual(peers[1]["podSelector"], {"matchLabels": {INGEST_CLIENT_LABEL: "true"}})
        # Neither peer admits the ingest pods' own labels or an unlabelled pod.
        for peer in peers:
            self.assertFalse(selects(peer["podSelector"], {"app.kubernetes.io/part-of": "alliance-ledger"}))

    @unittest.skipUnless(KUBECTL, "kubectl (kustomize) not installed: the tls component is not rendered")
    def test_tls_component_keeps_tcp_liveness_and_probes_health_over_tls(self):
        tls = objects(render_tls())
        query = container(find(tls, "Deployment", "query-service"))
        self.assertEqual(set(query["livenessProbe"]) & {"tcpSocket", "grpc", "exec"}, {"tcpSocket"})
        for probe in ("readinessProbe", "startupProbe"):
            self.assertNotIn("grpc", query[probe])
            self.assertEqual(query[probe]["exec"]["command"][-2:], ["health", "query"], query[probe])
        ingest = container(find(tls, "StatefulSet", "ingest-service"))
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            self.assertNotIn("grpc", ingest[probe])
            self.assertEqual(ingest[probe]["exec"]["command"][-2:], ["health", "ingest"], ingest[probe])
        find(tls, "NetworkPolicy", "ingest-service")


class SchemaCheck(unittest.TestCase):
    NODE = shutil.which("node")
    MODELS = os.path.join(SOURCE_DIR, "tests", "deploy", "node_modules", "kubernetes-models")

    def validate(self, rendered):
        result = subprocess.run([self.NODE, os.path.join(SOURCE_DIR, "tests", "deploy", "validate_k8s_schemas.mjs")],
                                input=rendered, capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    @unittest.skipUnless(NODE and os.path.isdir(MODELS), "node or tests/deploy/node_modules missing (npm ci)")
    def test_base_is_schema_valid(self):
        self.validate(render_base())

    @unittest.skipUnless(NODE and os.path.isdir(MODELS) and KUBECTL, "node, npm ci or kubectl missing")
    def test_tls_variant_is_schema_valid(self):
        self.validate(render_tls())

    @unittest.skipUnless(NODE and os.path.isdir(MODELS), "node or tests/deploy/node_modules missing (npm ci)")
    def test_validator_rejects_a_wrong_type(self):
        broken = render_base().replace("failureThreshold: 60", 'failureThreshold: "60"', 1)
        result = subprocess.run([self.NODE, os.path.join(SOURCE_DIR, "tests", "deploy", "validate_k8s_schemas.mjs")],
                                input=broken, capture_output=True, text=True, timeout=120)
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("failureThreshold must be integer", result.stderr)


class ProbesAgainstTheRealQueryService(unittest.TestCase):
    """Before its first catch-up the query service must pass liveness, fail readiness."""

    QUERY = os.path.join(BUILD_DIR, "query-service", "query-service")
    CTL = os.path.join(BUILD_DIR, "cli", "alliancectl")

    @unittest.skipUnless(os.access(QUERY, os.X_OK) and os.access(CTL, os.X_OK), "query-service/alliancectl not built")
    def test_not_caught_up_replica_is_live_but_not_ready(self):
        with tempfile.TemporaryDirectory() as scratch:
            port_file = os.path.join(scratch, "port")
            # An ingest address nothing listens on: the replica can never catch up.
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                dead = s.getsockname()[1]
            process = subprocess.Popen(
                [self.QUERY, "--listen=127.0.0.1:0", f"--port_file={port_file}", f"--db={scratch}/db",
                 f"--ingest=127.0.0.1:{dead}", f"--lexicon_dir={SOURCE_DIR}/data/lexicon"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                deadline = time.monotonic() + 30
                while not (os.path.exists(port_file) and read_text(port_file).strip()):
                    self.assertIsNone(process.poll(), "query-service exited")
                    self.assertLess(time.monotonic(), deadline, "no port file")
                    time.sleep(0.1)
                port = int(read_text(port_file).strip())
                # Liveness (tcpSocket): the port accepts a connection.
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
                # Readiness/startup (grpc health, "" and the named service): NOT_SERVING.
                for service in ([], ["alliance.v1.QueryService"]):
                    health = subprocess.run([self.CTL, f"--query=127.0.0.1:{port}", "--timeout=3s", "health", "query",
                                             *service], capture_output=True, text=True, timeout=30)
                    self.assertNotEqual(health.returncode, 0, health.stdout)
                    self.assertIn("NOT_SERVING", health.stdout + health.stderr)
            finally:
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
