# tests/data/chain.py DB: the audit chain of DB recomputed by its
# documented recipe (lib/audit.c), another way than the library's:
# SHA-256 of the previous hash, the detail's hash, then each column as
# "index:type:length:" and its text.  Exits non-zero at the first entry
# that does not match.
#
# DB "-": the rows from stdin instead, as tests/lib.sh's dbq prints them
# on either database ('|' between the columns, NULL empty), in this
# order: id|at|actor|entity|entity_id|owner_id|action|cmd|detail_hash|
# hash|detail, the detail last (it may hold a '|').
import hashlib, sys

INTS = (0, 4, 5, 7)     # id, entity_id, owner_id, cmd: integers


def piped():
    for line in sys.stdin:
        f = line.rstrip("\n").split("|", 10)
        v = [None if x == "" else int(x) if i in INTS else x
             for i, x in enumerate(f[:8])]
        yield [f[10], f[8], f[9]] + v


def stored(path):
    import sqlite3
    db = sqlite3.connect(path)
    return db.execute("SELECT detail, detail_hash, hash, id, at, actor,"
                      " entity, entity_id, owner_id, action, cmd FROM audit"
                      " ORDER BY id")


prev = ""
for row in piped() if sys.argv[1] == "-" else stored(sys.argv[1]):
    d, dh, h = row[:3]
    assert hashlib.sha256(d.encode()).hexdigest() == dh, row
    m = hashlib.sha256((prev + dh).encode())
    for i, v in enumerate(row[3:]):
        if v is None:
            continue
        t, b = (1, str(v).encode()) if isinstance(v, int) else (3, v.encode())
        m.update(b"%d:%d:%d:" % (i, t, len(b)) + b)
    assert m.hexdigest() == h, row
    prev = h
