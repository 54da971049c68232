#!/bin/sh
# tests/deps.sh: the headers of the build tree that each object, tool and
# unit test includes, as the compiler finds them (cc -MM), in make's
# syntax, on standard output.  `make deps` writes them at the end of the
# Makefile; tests/09-deps.t checks that they are current and complete.
#
# Run from the top of the tree, with CC and DEPCFLAGS as make has them.
# Only the tree's own headers are listed (lib/, cmd/libcmd/, tests/unit/): a
# header of the system or of a package is no one's to touch here.
#
# lib/X.c makes lib/X.o; cmd/libcmd/X.c cmd/libcmd/X.o (the archive's
# members); cmd/X.c the tool cmd/X; tests/unit/X.c the unit test
# tests/unit/X.
: "${CC:=cc}"
mm=$(mktemp) || exit 1
trap 'rm -f "$mm"' EXIT
for c in lib/*.c cmd/*.c cmd/libcmd/*.c tests/unit/*.c; do
	case $c in
	lib/*|cmd/libcmd/*)	t=${c%.c}.o;;
	*)			t=${c%.c};;
	esac
	# shellcheck disable=SC2086
	$CC $DEPCFLAGS -MM -MT "$t" "$c" >> "$mm" || exit 1
done
sed -e ':a' -e '/\\$/{N; s/\\\n//; ba' -e '}' "$mm" | awk '{
	line = $1
	n = 0
	for (i = 2; i <= NF; i++)
		if ($i ~ /\.h$/ && $i !~ /^\//)
			h[++n] = $i
	if (n == 0)
		next
	for (i = 1; i <= n; i++) {
		if (length(line) + 1 + length(h[i]) > 76) {
			print line " \\"
			line = "\t"
		} else if (line != "\t")
			line = line " "
		line = line h[i]
	}
	print line
}'
