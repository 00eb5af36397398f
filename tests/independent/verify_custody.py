#!/usr/bin/env python3
"""An independent verifier of a Custodian custody log, written from docs/custody-verification.md
alone (Python 3 standard library; the `cryptography` package is used for Ed25519 when it is
installed, else the RFC 8032 verification below).

    verify_custody.py --db custodian.sqlite --public-key key.pem [--public-key earlier.pem ...]
                      [--anchor checkpoint-anchor.txt] [--pure-ed25519] [--json]

Exit 0 when the log verifies, 1 when it does not, 2 on bad usage.
"""
import argparse
import base64
import binascii
import hashlib
import json
import re
import sqlite3
import sys

# ---------------------------------------------------------------- Ed25519 (RFC 8032, section 5.1.7)
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    aa = (y1 - x1) * (y2 - x2) % P
    bb = (y1 + x1) * (y2 + x2) % P
    cc = 2 * t1 * t2 * D % P
    dd = 2 * z1 * z2 % P
    e, f, g, h = bb - aa, dd - cc, dd + cc, bb + aa
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(s, pt):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, pt)
        pt = _add(pt, pt)
        s >>= 1
    return q


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, 'little')
    sign = y >> 255
    y &= (1 << 255) - 1
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        if sign:
            return None
        x = 0
    else:
        x = pow(x2, (P + 3) // 8, P)
        if (x * x - x2) % P != 0:
            x = x * SQRT_M1 % P
        if (x * x - x2) % P != 0:
            return None
        if (x & 1) != sign:
            x = P - x
    return (x, y, 1, x * y % P)


_GY = 4 * pow(5, P - 2, P) % P
G = _decompress(_GY.to_bytes(32, 'little'))


def ed25519_verify_pure(public, msg, sig):
    if len(public) != 32 or len(sig) != 64:
        return False
    a = _decompress(public)
    r = _decompress(sig[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(sig[32:], 'little')
    if s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(sig[:32] + public + msg).digest(), 'little') % L
    return _equal(_mul(s, G), _add(r, _mul(h, a)))


def ed25519_verify(public, msg, sig, pure):
    if not pure:
        try:
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
            from cryptography.exceptions import InvalidSignature
        except ImportError:
            pure = True
    if pure:
        return ed25519_verify_pure(public, msg, sig)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(sig, msg)
        return True
    except InvalidSignature:
        return False


# ---------------------------------------------------------------- keys, signatures
SPKI_ED25519_PREFIX = bytes.fromhex('302a300506032b6570032100')
PEM_RE = re.compile(r'-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=\n]+)-----END PUBLIC KEY-----')


def raw_keys(pem_text):
    """The raw 32-byte keys of every SPKI PEM block in a text."""
    out = []
    for body in PEM_RE.findall(pem_text):
        der = base64.b64decode(body.replace('\n', ''))
        if len(der) == 44 and der.startswith(SPKI_ED25519_PREFIX):
            out.append(der[12:])
    return out


def fingerprint(raw):
    return hashlib.sha256(raw).hexdigest()


def canonical_signature(text):
    """64 bytes if `text` is canonical base64 of exactly 64 bytes, else None."""
    if not isinstance(text, str) or not re.fullmatch(r'[A-Za-z0-9+/]{86}==', text):
        return None
    try:
        sig = base64.b64decode(text, validate=True)
    except binascii.Error:
        return None
    return sig if len(sig) == 64 and base64.b64encode(sig).decode('ascii') == text else None


def checkpoint_text(origin, entries, head):
    return f'custodian-checkpoint-v1\n{origin}\n{entries}\n{head}\n'.encode('utf-8')


# ---------------------------------------------------------------- entries: JSON.stringify's encoding
SHORT = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t'}


def js_string(s):
    out = ['"']
    for ch in s:
        if ch in SHORT:
            out.append(SHORT[ch])
        elif ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append('\\u%04x' % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def js_value(v):
    if v is None:
        return 'null'
    if isinstance(v, bool):
        raise ValueError('no booleans in a custody entry')
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return js_string(v)
    raise ValueError(f'unexpected value {v!r}')


def canonical_entry(row):
    fields = ['custody-v1', row['seq'], row['at'], row['user_id'], row['username'], row['role'], row['workstation'],
              row['action'], row['outcome'], row['object_id'], row['object_sha256'], row['details'], row['prev_hash']]
    return '[' + ','.join(js_value(f) for f in fields) + ']'


def entry_hash(row):
    return hashlib.sha256(canonical_entry(row).encode('utf-8')).hexdigest()


# ---------------------------------------------------------------- anchor
def parse_anchor(text):
    split = text.find('\n\n')
    if split < 0:
        raise ValueError('no empty line after the signed checkpoint')
    lines = text[:split + 1].split('\n')
    if len(lines) != 5 or lines[0] != 'custodian-checkpoint-v1' or lines[4] != '':
        raise ValueError('the first four lines are not a custodian-checkpoint-v1 text')
    _, origin, entries, head, _ = lines
    if not re.fullmatch(r'0|[1-9][0-9]{0,15}', entries) or not re.fullmatch(r'[0-9a-f]{64}', head):
        raise ValueError('bad entry count or head hash')
    rest = text[split + 2:]
    fields = dict(re.findall(r'^(signature|signed-at|public-key-sha256) (\S+)$', rest, re.M))
    keys = raw_keys(rest)
    if len(keys) != 1 or fingerprint(keys[0]) != fields.get('public-key-sha256') or 'signature' not in fields:
        raise ValueError('missing signature or a public key that does not match public-key-sha256')
    return {'origin': origin, 'entries': int(entries), 'headHash': head, 'signature': fields['signature'],
            'signedAt': fields.get('signed-at'), 'publicKeySha256': fields['public-key-sha256'], 'key': keys[0]}


# ---------------------------------------------------------------- the check
def span(a, b):
    return f'entry {a} was' if a == b else f'entries {a}–{b} were'


def verify(db_file, trusted, anchor_text, pure):
    con = sqlite3.connect(f'file:{db_file}?mode=ro', uri=True)
    con.row_factory = sqlite3.Row
    origin = 'custodian/' + json.loads(con.execute("SELECT value FROM settings WHERE key = 'installation.id'").fetchone()[0])
    by_fp = {fingerprint(k): k for k in trusted}
    result = {'ok': False, 'entries': 0, 'firstBadSeq': None, 'problem': None, 'checkpoints': 0, 'anchor': None,
              'publicKeySha256': fingerprint(trusted[0]) if trusted else None, 'origin': origin}

    def fail(seq, problem):
        result.update(firstBadSeq=seq, problem=problem)
        return result

    hashes = {0: '0' * 64}
    prev = '0' * 64
    expected = 1
    for row in con.execute('SELECT * FROM custody_log ORDER BY seq'):
        if row['seq'] != expected:
            return fail(expected, f'Entry {expected} is missing from the custody log.')
        if row['prev_hash'] != prev:
            return fail(row['seq'], f"Entry {row['seq']} does not link to the entry before it.")
        if entry_hash(row) != row['hash']:
            return fail(row['seq'], f"Entry {row['seq']} was changed after it was written.")
        hashes[row['seq']] = prev = row['hash']
        result['entries'] = expected
        expected += 1
    n = result['entries']

    anchor_name = 'the anchor file outside the database (keys/checkpoint-anchor.txt)'
    if anchor_text is not None:
        try:
            a = parse_anchor(anchor_text)
        except ValueError as e:
            return fail(None, f'The custody log cannot be checked against {anchor_name}: {e}.')
        result['anchor'] = {k: a[k] for k in ('entries', 'headHash', 'signedAt', 'publicKeySha256')}
        if a['origin'] != origin:
            return fail(None, f"The anchor names another installation ({a['origin']}), not {origin}.")
        if a['publicKeySha256'] not in by_fp:
            return fail(None, 'The anchor is signed by a key that is not trusted.')
        sig = canonical_signature(a['signature'])
        if sig is None or not ed25519_verify(a['key'], checkpoint_text(origin, a['entries'], a['headHash']), sig, pure):
            return fail(None, 'The anchor does not carry a valid signature.')
        if a['entries'] > n:
            return fail(n + 1, f"The log holds {n} entries but {anchor_name} records {a['entries']} signed entries: {span(n + 1, a['entries'])} removed.")
        if hashes.get(a['entries']) != a['headHash']:
            return fail(a['entries'], f"Entry {a['entries']} no longer matches the signed checkpoint in {anchor_name}: the log was rewritten (or cut and written again).")

    cps = con.execute('SELECT id, entries, head_hash, public_key, signature FROM checkpoints ORDER BY id').fetchall()
    result['checkpoints'] = len(cps)
    if not cps:
        if n > 0:
            return fail(1, f'The log holds {n} entries but no signed checkpoint: the checkpoints were removed from the database.')
        result['ok'] = True
        return result
    newest = max(c['entries'] for c in cps)
    if anchor_text is not None and newest < result['anchor']['entries']:
        return fail(newest + 1, f"The newest signed checkpoint in the database covers {newest} entries but {anchor_name} records {result['anchor']['entries']}: signed checkpoints were removed from the database.")
    before = 0
    seen = {}
    for c in cps:
        what = f"signed checkpoint {c['id']} (at {c['entries']} entries)"
        named = raw_keys(c['public_key'])
        key = by_fp.get(fingerprint(named[0])) if len(named) == 1 else None
        if key is None:
            return fail(c['entries'], f'{what[0].upper() + what[1:]} is signed by a key this installation does not trust: it was not written by Custodian.')
        memo = (key, c['entries'], c['head_hash'], c['signature'])
        if memo not in seen:
            sig = canonical_signature(c['signature'])
            seen[memo] = sig is not None and ed25519_verify(key, checkpoint_text(origin, c['entries'], c['head_hash']), sig, pure)
        if not seen[memo]:
            return fail(c['entries'], f'{what[0].upper() + what[1:]} does not carry a valid signature from this installation.')
        if c['entries'] > n:
            return fail(n + 1, f"The log holds {n} entries but {what} recorded {c['entries']}: {span(n + 1, c['entries'])} removed.")
        if hashes.get(c['entries']) != c['head_hash']:
            return fail(c['entries'], f"Entry {c['entries']} no longer matches {what}: the log was rewritten.")
        if c['entries'] < before:
            return fail(c['entries'] + 1, f'{what[0].upper() + what[1:]} covers fewer entries than the one before it ({before}): the log was cut and written again.')
        before = c['entries']
    result['ok'] = True
    return result


def main(argv):
    ap = argparse.ArgumentParser(description='Verify a Custodian custody log without Custodian.')
    ap.add_argument('--db', required=True, help='custodian.sqlite (a consistent copy: see the document)')
    ap.add_argument('--public-key', action='append', required=True, help='a trusted public key (SPKI PEM); repeat for earlier keys')
    ap.add_argument('--anchor', help='keys/checkpoint-anchor.txt')
    ap.add_argument('--pure-ed25519', action='store_true', help='use the RFC 8032 code here even if `cryptography` is installed')
    ap.add_argument('--json', action='store_true')
    args = ap.parse_args(argv)
    trusted = []
    for f in args.public_key:
        with open(f, encoding='utf-8') as fh:
            trusted.extend(raw_keys(fh.read()))
    if not trusted:
        print('no Ed25519 public key in the files given', file=sys.stderr)
        return 2
    anchor_text = None
    if args.anchor:
        with open(args.anchor, encoding='utf-8') as fh:
            anchor_text = fh.read()
    r = verify(args.db, trusted, anchor_text, args.pure_ed25519)
    if args.json:
        print(json.dumps(r, ensure_ascii=False))
    else:
        print(f"Custody log verified: {r['entries']} entries, {r['checkpoints']} checkpoints." if r['ok'] else f"FAILED: {r['problem']}")
    return 0 if r['ok'] else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
