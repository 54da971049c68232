#!/bin/sh
# ru-man.sh PAGE: the Russian page PAGE (mdoc(7) in man/ru) as installed:
# man(7) made by mandoc -Tman, in UTF-8, with the headings Russian pages
# in Debian have (ИМЯ, СИНТАКСИС, ОПИСАНИЕ ...: man-db's own Russian pages,
# /usr/share/man/ru/man1/man.1.gz) and a Russian header line.
#
# The source keeps one English heading, NAME: mdoc(7) knows the page's
# name section by that word only (mandoc -Tlint: "first section is not
# NAME"), and every other heading of the source is Russian already.  In
# man(7) a heading is only a heading: lexgrog(1), and so mandb(8),
# whatis(1) and apropos(1), read ИМЯ as the name section.
# mandoc writes what is not ASCII as \[uXXXX]; lexgrog would put those
# escapes into whatis's line as they are: perl (Debian's perl-base, an
# essential package) writes them back as the letters.  mandoc 1.14 also
# leaves a paragraph break between the rows of a table (.Bl -column
# becomes tbl(1)'s .TS ... .TE) and one before the end of an indented
# list: they are dropped (mandoc -Tlint: "ignoring macro in table",
# "skipping paragraph macro").
set -e
[ $# -eq 1 ] || { echo "usage: ru-man.sh page" >&2; exit 2; }
[ -r "$1" ] || { echo "ru-man.sh: cannot read '$1'" >&2; exit 1; }
mandoc -Tman -I os=crm "$1" | perl -CSD -Mutf8 -ne '
	$tbl = 1 if /^\.TS$/;
	$tbl = 0 if /^\.TE$/;
	next if $tbl && /^\.PP$/;
	if ($pp) {
		print $pp unless /^\.RE$/;
		$pp = "";
	}
	if (/^\.PP$/) {
		$pp = $_;
		next;
	}
	s/\\\[u([0-9A-F]{4,5})\]/chr hex $1/ge;
	s/^\.SH "NAME"$/.SH "ИМЯ"/;
	if (/^\.TH /) {
		my %m = (January => 1, February => 2, March => 3, April => 4,
		    May => 5, June => 6, July => 7, August => 8,
		    September => 9, October => 10, November => 11,
		    December => 12);
		s/"(\w+) (\d+), (\d{4})"/sprintf("\"%04d-%02d-%02d\"",
		    $3, $m{$1}, $2)/e if /"(\w+) \d+, \d{4}"/ && $m{$1};
		s/"General Commands Manual"/"Пользовательские команды"/;
		s/"Miscellaneous Information Manual"/"Разное"/;
	}
	print;
	END { print $pp }'
