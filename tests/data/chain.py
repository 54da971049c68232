# tests/data/chain.py DB: the audit chain of DB recomputed by its
# documented recipe (lib/audit.c), another way than the library's:
# SHA-256 of the previous hash, the detail's hash, then each column as
# "index:type:length:" and its text.  Exits non-zero at the first entry
# that does not match.
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
prev = ""
for row in db.execute("SELECT detail, detail_hash, hash, id, at, actor,"
                      " entity, entity_id, owner_id, action, cmd FROM audit"
                      " ORDER BY id"):
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
