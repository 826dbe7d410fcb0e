"""YAML in, JSON out, for the deploy checks in test/src (Node has no YAML parser among our dependencies).

  manifests.py validate VERSION[,VERSION...] FILE...   every document of every file, and its validation
                                                      against each Kubernetes version's schemas, strict
  manifests.py yaml < FILE                             the documents of a YAML stream (docker-compose config)

Runs in the virtualenv of install.sh. kubernetes-validate reads the schemas it bundles: no network.
"""

import json
import sys

import yaml
from kubernetes_validate import utils


def load(stream):
    return [doc for doc in yaml.safe_load_all(stream) if doc is not None]


def validate(versions, files):
    documents, results = [], []
    for path in files:
        with open(path, encoding="utf-8") as f:
            docs = load(f)
        for index, doc in enumerate(docs):
            documents.append({"file": path, "index": index, "document": doc})
            for version in versions:
                result = {
                    "file": path,
                    "index": index,
                    "kind": doc.get("kind"),
                    "name": (doc.get("metadata") or {}).get("name"),
                    "version": version,
                }
                try:
                    result["schemaVersion"] = utils.validate(doc, version, strict=True)
                    result["outcome"] = "passed"
                except utils.ValidationError as e:
                    path_in_doc = ".".join(str(p) for p in e.path)
                    result.update(outcome="failed", message=f"{path_in_doc}: {e.message}")
                # The CLI only warns when no schema matches (an unknown kind or apiVersion): here it fails.
                except (utils.SchemaNotFoundError, utils.InvalidSchemaError, utils.VersionNotSupportedError) as e:
                    result.update(outcome="no-schema", message=e.message)
                results.append(result)
    return {"validator": utils.__version__, "documents": documents, "results": results}


def main(argv):
    if len(argv) >= 3 and argv[0] == "validate":
        out = validate(argv[1].split(","), argv[2:])
    elif argv == ["yaml"]:
        out = load(sys.stdin)
    else:
        sys.exit(__doc__)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
