#!/bin/sh
# layers.sh [-c] DIR: the edges of DIR's files (a library's sources and
# objects) that point up its layers, DIR/layers.txt (lib/layers.txt says
# how), one a line; exit 1 when there is one, or a file no layer holds.
# An edge is a call (nm: a symbol one object needs and another defines)
# or an include ("name.h").  -c: the circles instead, each set of files
# that all reach each other through those edges, one a line, its size
# first, then its files; the largest first.
circle=0
[ "$1" = -c ] && { circle=1; shift; }
dir=${1:?usage: layers.sh [-c] DIR}
out=$({
	awk '!/^#/ && NF >= 3 { for (i = 3; i <= NF; i++)
	    print "L", $i, $1, $2 }' "$dir/layers.txt"
	# nm -A: "DIR/FILE.o:VALUE TYPE NAME", no value for one undefined
	nm -A "$dir"/*.o | awk '{
		i = index($0, ".o:")
		f = substr($0, 1, i - 1) ".c"
		sub(/.*\//, "", f)
		n = split(substr($0, i + 3), p, " ")
		if (n == 3 && p[2] ~ /^[TDBRC]$/)
			print "D", p[3], f
		else if (n == 2 && p[1] == "U")
			print "U", f, p[2]
	}'
	for s in "$dir"/*.c "$dir"/*.h; do
		sed -n 's/^#[ 	]*include[ 	]*"\([^"]*\)".*/I \1/p' "$s" |
		    sed "s|^I |I ${s##*/} |"
	done
} | awk -v circle=$circle '
$1 == "L" { lv[$2] = $3; ln[$2] = $4; next }
$1 == "D" { def[$2] = $3; file[$3] = 1; next }
$1 == "U" { need[++nu] = $2 " " $3; file[$2] = 1; next }
$1 == "I" { edge($2, $3, "#include"); file[$2] = 1; file[$3] = 1 }
function edge(a, b, why) {
	if (a == b || (a, b) in e)
		return
	e[a, b] = why
}
END {
	for (i = 1; i <= nu; i++) {
		split(need[i], p, " ")
		if (p[2] in def)
			edge(p[1], def[p[2]], p[2])
	}
	if (circle) {
		n = 0
		for (f in file)
			node[++n] = f
		for (i = 1; i <= n; i++)
			for (j = 1; j <= n; j++)
				r[i, j] = (node[i], node[j]) in e
		for (k = 1; k <= n; k++)
			for (i = 1; i <= n; i++)
				if (r[i, k])
					for (j = 1; j <= n; j++)
						if (r[k, j])
							r[i, j] = 1
		for (i = 1; i <= n; i++) {
			c = 0; s = ""
			for (j = 1; j <= n; j++)
				if (i == j || (r[i, j] && r[j, i])) {
					c++
					m[c] = node[j]
				}
			if (c < 2)
				continue
			# sorted, so that each circle is said once
			for (a = 2; a <= c; a++)
				for (b = a; b > 1 && m[b - 1] > m[b]; b--) {
					t = m[b]; m[b] = m[b - 1]; m[b - 1] = t
				}
			for (a = 1; a <= c; a++)
				s = s " " m[a]
			if (!(s in said))
				printf "%d%s\n", c, s
			said[s] = 1
		}
		exit 0
	}
	bad = 0
	for (f in file)
		if (!(f in lv)) {
			print "not placed: " f
			bad = 1
		}
	for (k in e) {
		split(k, p, SUBSEP)
		if ((p[1] in lv) && (p[2] in lv) && lv[p[2]] > lv[p[1]]) {
			print "up: " p[1] " (" ln[p[1]] ") -> " p[2] " (" \
			    ln[p[2]] "): " e[k]
			bad = 1
		}
	}
	exit bad
}')
rc=$?
[ -n "$out" ] && printf '%s\n' "$out" | sort -k1,1nr -k2
exit $rc
