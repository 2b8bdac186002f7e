// Validates every object of rendered Kubernetes manifests (YAML, on stdin or in
// the files named) against the Kubernetes OpenAPI schemas that the pinned npm
// package kubernetes-models carries. Exits 1 naming each object that fails.
//
//   node tests/deploy/validate_k8s_schemas.mjs rendered.yaml...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const GROUPS = { v1: "v1" };  // core group: kubernetes-models/v1

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return `kubernetes-models/${group ? `${group}/${version}` : GROUPS[version] ?? version}/${kind}`;
}

const inputs = process.argv.length > 2 ? process.argv.slice(2) : ["/dev/stdin"];
let checked = 0;
const failures = [];
for (const input of inputs) {
  for (const document of parseAllDocuments(readFileSync(input, "utf8"))) {
    if (document.errors.length > 0) {
      failures.push(`${input}: YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object == null) continue;
    const name = `${input}: ${object.kind}/${object.metadata?.name}`;
    let model;
    try {
      model = (await import(modulePath(object.apiVersion, object.kind)))[object.kind];
    } catch (error) {
      failures.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
      checked++;
    } catch (error) {
      failures.push(`${name}: ${error.message}`);
    }
  }
}
for (const failure of failures) console.error(failure);
console.log(`validate_k8s_schemas: ${checked} objects valid, ${failures.length} invalid`);
process.exit(failures.length === 0 && checked > 0 ? 0 : 1);
