#!/usr/bin/env python3
# Checks a council's verifiable log as served by Civic Register, from docs/audit-chain.md alone:
# the checkpoint's Ed25519 signature against the published key, the checkpoint's root against an
# export, inclusion proofs of events, and (given a checkpoint kept earlier) that the log extends
# it. Python 3 standard library only; Ed25519 verification as in RFC 8032, section 6.
# Usage: python3 verify-log.py BASE_URL SLUG EXPORT.ndjson [KEPT_CHECKPOINT_FILE]
# Prints the checkpoint (to keep) and "ok: ...", or a reason and exits 1.
import base64, hashlib, json, sys, urllib.request

# --- Ed25519 verification (RFC 8032, section 6) ---
p = 2**255 - 19
d = -121665 * pow(121666, p - 2, p) % p
q = 2**252 + 27742317777372353535851937790883648493

def point_add(P, Q):
    A, B = (P[1] - P[0]) * (Q[1] - Q[0]) % p, (P[1] + P[0]) * (Q[1] + Q[0]) % p
    C, D = 2 * P[3] * Q[3] * d % p, 2 * P[2] * Q[2] % p
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F, G * H, F * G, E * H)

def point_mul(s, P):
    Q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            Q = point_add(Q, P)
        P, s = point_add(P, P), s >> 1
    return Q

def point_equal(P, Q):
    return (P[0] * Q[2] - Q[0] * P[2]) % p == 0 and (P[1] * Q[2] - Q[1] * P[2]) % p == 0

def recover_x(y, sign):
    if y >= p:
        return None
    x2 = (y * y - 1) * pow(d * y * y + 1, p - 2, p)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (p + 3) // 8, p)
    if (x * x - x2) % p != 0:
        x = x * pow(2, (p - 1) // 4, p) % p
    if (x * x - x2) % p != 0:
        return None
    return p - x if (x & 1) != sign else x

def decompress(s):
    y = int.from_bytes(s, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    x = recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % p)

g_y = 4 * pow(5, p - 2, p) % p
g_x = recover_x(g_y, 0)
BASE = (g_x, g_y, 1, g_x * g_y % p)

def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    A, R = decompress(public), decompress(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if A is None or R is None or s >= q:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % q
    return point_equal(point_mul(s, BASE), point_add(R, point_mul(h, A)))

# --- The Merkle tree and its proofs (RFC 9162, section 2.1) ---
def sha256(data):
    return hashlib.sha256(data).digest()

def node(left, right):
    return sha256(b"\x01" + left + right)

def root(leaves):
    if not leaves:
        return sha256(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node(root(leaves[:k]), root(leaves[k:]))

def verify_inclusion(index, size, leaf, proof, expected):
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for h in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(h, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, h)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == expected

def verify_consistency(first, second, first_root, second_root, proof):
    if first == second:
        return not proof and first_root == second_root
    if first == 0 or first > second:
        return False
    if first & (first - 1) == 0:  # a power of two: its root starts the path
        proof = [first_root] + proof
    if not proof:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root

# --- Signed checkpoints (C2SP signed-note and tlog-checkpoint) ---
def read_key(text):
    name, key_id, key = text.strip().split("+", 2)
    typed = base64.b64decode(key)
    if typed[0] != 1 or len(typed) != 33:
        sys.exit("the published key is not an Ed25519 key")
    if sha256(name.encode() + b"\n" + typed)[:4].hex() != key_id:
        sys.exit("the published key's id does not match the key")
    return name, bytes.fromhex(key_id), typed[1:]

def read_checkpoint(note, key):
    name, key_id, public = key
    body, _, signatures = note.partition("\n\n")
    body += "\n"
    for line in signatures.splitlines():
        if line.startswith("\u2014 " + name + " "):
            blob = base64.b64decode(line.split(" ")[2])
            if blob[:4] == key_id and ed25519_verify(public, body.encode(), blob[4:]):
                origin, size, root_b64 = body.split("\n")[:3]
                return origin, int(size), base64.b64decode(root_b64)
    sys.exit("the checkpoint carries no valid signature by the published key")

def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")

base, slug, export_path = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
key = read_key(fetch(f"{base}/log/key"))
note = fetch(f"{base}/councils/{slug}/log/checkpoint")
origin, size, checkpoint_root = read_checkpoint(note, key)
with open(export_path, "rb") as export:
    leaves = [sha256(b"\x00" + line.rstrip(b"\n")) for line in export]
if len(leaves) < size or root(leaves[:size]) != checkpoint_root:
    sys.exit(f"the export does not have the checkpoint's root at size {size}")
for index in sorted({0, size // 2, size - 1}):
    proof = json.loads(fetch(f"{base}/councils/{slug}/log/proof/inclusion?index={index}&size={size}"))
    hashes = [base64.b64decode(h) for h in proof["hashes"]]
    if not verify_inclusion(index, size, leaves[index], hashes, checkpoint_root):
        sys.exit(f"the inclusion proof of leaf {index} does not verify")
if len(sys.argv) > 4:
    with open(sys.argv[4], encoding="utf-8") as kept_file:
        _, kept_size, kept_root = read_checkpoint(kept_file.read(), key)
    proof = json.loads(fetch(f"{base}/councils/{slug}/log/proof/consistency?from={kept_size}&to={size}"))
    hashes = [base64.b64decode(h) for h in proof["hashes"]]
    if not verify_consistency(kept_size, size, kept_root, checkpoint_root, hashes):
        sys.exit(f"the log at size {size} does not extend the checkpoint kept at size {kept_size}")
print(note, end="")
print(f"ok: {origin} size {size}, signature, root and proofs verify")
