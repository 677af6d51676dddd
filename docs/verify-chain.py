#!/usr/bin/env python3
# Verifies a Civic Register audit-chain export: one council's log, one JSON event per line.
# Specification: docs/audit-chain.md. Python 3 standard library only.
# Usage: python3 verify-chain.py EXPORT.ndjson   (or: python3 verify-chain.py < EXPORT.ndjson)
# Prints "ok: N events, head HASH" and exits 0, or "broken at position P: WHY" and exits 1.
import hashlib, json, sys

# The fields hashed, in order, between the version line and the previous hash.
FIELDS = ("tenant position event_id stream stream_version event_type schema_version"
          " recorded_at actor command_id causation_id correlation_id").split()

previous, position, tenant = "0" * 64, 0, None  # the genesis hash: 64 zeros
with open(sys.argv[1] if len(sys.argv) > 1 else 0, encoding="utf-8") as export:  # 0: stdin
    for position, line in enumerate(export, start=1):
        event = json.loads(line)
        tenant = tenant or event["tenant"]
        if event["position"] != position:
            sys.exit(f"broken at position {position}: found position {event['position']} here")
        if event["tenant"] != tenant:
            sys.exit(f"broken at position {position}: tenant {event['tenant']} is not {tenant}")
        # An absent causation id (null) hashes as an empty line; the payload is used verbatim.
        lines = ["" if event[name] is None else str(event[name]) for name in FIELDS]
        text = "\n".join(["civic-register-event-v1", *lines, previous, event["payload"]])
        previous = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if previous != event["hash"]:
            sys.exit(f"broken at position {position}: its fields hash to {previous},"
                     f" not to its stored hash {event['hash']}")
print(f"ok: {position} events, head {previous}")
