#!/usr/bin/env python3
# Computes the Merkle tree root (RFC 9162) of a Civic Register export: one council's log, one
# event a line. Specification: docs/audit-chain.md, "The Merkle tree". Python 3 standard library.
# Usage: python3 verify-tree.py EXPORT.ndjson [SIZE]   (or from standard input)
# Prints "size N root BASE64", the checkpoint body's last two lines, for the first SIZE events.
import base64, hashlib, sys

def sha256(data):
    return hashlib.sha256(data).digest()

def root(leaves):  # MTH(D[n]): split at the largest power of two below n
    if not leaves:
        return sha256(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return sha256(b"\x01" + root(leaves[:k]) + root(leaves[k:]))

path = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "-" else 0  # 0: standard input
with open(path, "rb") as export:
    # Each leaf's data is the line's bytes exactly, without its line feed.
    leaves = [sha256(b"\x00" + line.rstrip(b"\n")) for line in export]
size = int(sys.argv[2]) if len(sys.argv) > 2 else len(leaves)
print(f"size {size} root {base64.b64encode(root(leaves[:size])).decode()}")
