# bash completion for the crm tools: options read from each tool's own
# usage, so they never drift; logins, clients, task kinds, stages and
# task ids from the listing tools, run as the user who completes, so a
# completion shows only what that person may see; date and period words.
# Installed as share/bash-completion/completions/<tool>, one link each.
#
# Words from the database are matched in bash, never given to compgen -W,
# which would expand a "$" or "`" in a client's name.  Under a locale
# that is not UTF-8 (LANG=C) a terminal cannot show Cyrillic, and
# readline would insert it as octal escapes: clients complete to their
# ids, and only the English date and period words are offered.

# _crm_list TOOL ARGS...: the tool's TSV, errors silenced.
_crm_list()
{
	"$@" -t 2> /dev/null
}

# Whether the locale's character set is UTF-8.
_crm_utf8()
{
	[[ $(locale charmap 2> /dev/null) == UTF-8 ]]
}

# _crm_words CUR WORD...: add the words that begin with CUR, as they are.
_crm_words()
{
	local cur=$1 w
	shift
	for w in "$@"; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
	done
}

# _crm_clients CUR: clients' names (readline quotes them as the line
# needs, as it would a file's), or their ids with the names shown.
_crm_clients()
{
	local cur=$1 IFS=$'\n'

	if ! _crm_utf8; then
		_crm_ids "$cur" client-list
		return
	fi
	# What was typed, its quotes and backslashes aside.
	cur=${cur#[\"\']}
	cur=${cur//\\/}
	compopt -o filenames 2> /dev/null
	COMPREPLY=()
	_crm_words "$cur" $(_crm_list client-list | cut -f2)
}

# The words an option's argument, named in the usage, completes to.
_crm_arg()
{
	local tool=$1 what=$2 cur=$3 IFS=$'\n'

	case $what in
	login|head)
		COMPREPLY=($(compgen -W "$(_crm_list crm-user list |
		    cut -f2)" -- "$cur"));;
	client)
		_crm_clients "$cur";;
	kind)
		case $tool in
		crm-export|crm-import)
			COMPREPLY=($(compgen -W $'people\nclients\ndeals\ndocs\ntasks' \
			    -- "$cur"));;
		doc-add|doc-list)
			COMPREPLY=($(compgen -W $'contract\ninvoice' -- "$cur"));;
		*)
			COMPREPLY=($(compgen -W "$(_crm_list crm-rules kinds |
			    cut -f1)" -- "$cur"));;
		esac;;
	stage)
		COMPREPLY=($(compgen -W "$(_crm_list deal-stage list |
		    cut -f2)" -- "$cur"));;
	status)
		COMPREPLY=($(compgen -W $'open\noverdue\ndone\ncancelled\nreturned\naccepted\npending' \
		    -- "$cur"));;
	role)
		COMPREPLY=($(compgen -W $'manager\nhead\ndirector\nadmin' \
		    -- "$cur"));;
	date|due|until|when|close-date|due-date|from|to)
		COMPREPLY=()
		_crm_words "$cur" today tomorrow yesterday mon tue wed thu \
		    fri sat sun
		_crm_utf8 && _crm_words "$cur" сегодня завтра послезавтра \
		    вчера пн вт ср чт пт сб вс;;
	period)
		# kpi-report -d, crm-rules days: a span, never a weekday.
		COMPREPLY=()
		_crm_words "$cur" week month quarter year last
		_crm_utf8 && _crm_words "$cur" неделя месяц квартал год \
		    прошлый прошлая прошлую;;
	deal)
		_crm_ids "$cur" deal-list;;
	file|csv|calendar)
		COMPREPLY=($(compgen -f -- "$cur"));;
	*)
		COMPREPLY=();;
	esac
}

# _crm_ids CUR LISTING...: ids with their titles to choose from; the id
# alone once only one is left.
_crm_ids()
{
	local cur=$1 IFS=$'\n' line l f
	shift
	COMPREPLY=()
	# (TAB is blank to read: empty fields would merge; split on US.)
	while IFS= read -r l; do
		IFS=$'\037' read -r -a f <<< "${l//$'\t'/$'\037'}"
		[[ ${f[0]} == "$cur"* ]] || continue
		case $1 in
		task-list)
			# open tasks; done ones only when the listing asks
			case ${f[4]} in
			done|accepted)	[[ " $* " == *" -s done "* ]] || continue;;
			cancelled)	continue;;
			esac
			line="${f[0]}  ${f[2]} ${f[3]:+${f[3]} }${f[7]}";;
		deal-list)	line="${f[0]}  ${f[2]}";;
		# (a name in a locale that cannot show it: its ASCII only)
		client-list)	line="${f[0]}  ${f[1]//[^ -~]/?}";;
		*)		line="${f[0]}  ${f[2]}";;
		esac
		COMPREPLY+=("$line")
	done < <(_crm_list "$@")
	if [ ${#COMPREPLY[@]} -eq 1 ]; then
		COMPREPLY=("${COMPREPLY[0]%%  *}")
	fi
}

# The options of tool (from its usage), and for each that takes an
# argument the argument's name: "f=file" or "j".
_crm_opts()
{
	# (the usage in English: its argument names are what we match)
	LC_ALL=C "$1" -'?' 2>&1 | sed -e "s/^usage: $1 / /" -e "s/^ *$1 / /" |
	    grep -o -e '[[ ]-[A-Za-z] [a-z][a-z-]*' -e '\[-[A-Za-z]*\]' \
	    -e ' -[A-Za-z]\>' | while read -r o a; do
		o=${o#[}
		o=${o%]}
		o=${o#-}
		if [ -n "$a" ] && [ ${#o} -eq 1 ]; then
			echo "$o=$a"
		else
			echo "$o" | sed 's/./&\n/g' | sed '/^$/d'
		fi
	done | sort -u
}

_crm()
{
	local tool=${COMP_WORDS[0]##*/} cur=${COMP_WORDS[COMP_CWORD]}
	local prev= opts o i verb= nopt=0
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
	opts=$(_crm_opts "$tool")

	# The argument of an option.
	if [[ $prev == -[A-Za-z] ]]; then
		o=$(printf '%s\n' "$opts" | sed -n "s/^${prev#-}=//p" | head -1)
		if [ -n "$o" ]; then
			_crm_arg "$tool" "$o" "$cur"
			return
		fi
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(printf '%s\n' "$opts" |
		    sed 's/=.*//; s/^/-/' | sort -u)" -- "$cur"))
		return
	fi
	# The operands: count those before the cursor, options aside.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-?)	printf '%s\n' "$opts" | grep -q "^${COMP_WORDS[i]#-}=" &&
			    i=$((i + 1));;
		-*)	;;
		*)	[ -z "$verb" ] && verb=${COMP_WORDS[i]}
			nopt=$((nopt + 1));;
		esac
	done
	case $tool in
	task-done|task-cancel)
		_crm_ids "$cur" task-list;;
	task-move)
		case $nopt in
		0)	_crm_ids "$cur" task-list;;
		1)	_crm_arg "$tool" date "$cur";;
		esac;;
	task-accept)
		_crm_ids "$cur" task-list -a -s done;;
	task-return)
		case $nopt in
		0)	_crm_ids "$cur" task-list -a -s done;;
		1)	_crm_arg "$tool" date "$cur";;
		esac;;
	deal-stage)
		case $nopt:$verb in
		0:)	if [[ $cur == [a-z]* ]]; then
				COMPREPLY=($(compgen -W 'history list add rename' -- "$cur"))
			else
				_crm_ids "$cur" deal-list
			fi;;
		1:history)
			_crm_ids "$cur" deal-list;;
		1:rename)
			_crm_arg "$tool" stage "$cur";;
		1:*)	_crm_arg "$tool" stage "$cur";;
		esac;;
	crm-control)
		case $nopt:$verb in
		0:)	COMPREPLY=($(compgen -W 'list record' -- "$cur"));;
		1:record)
			_crm_arg "$tool" login "$cur";;
		esac;;
	doc-pay)
		_crm_ids "$cur" doc-list -U;;
	crm-rules)
		case $nopt:$verb in
		0:)	COMPREPLY=($(compgen -W 'list set reset kinds kind days day import calendar' -- "$cur"));;
		1:calendar)
			COMPREPLY=($(compgen -W 'load' -- "$cur"));;
		1:set|1:reset)
			COMPREPLY=($(compgen -W "$(_crm_list crm-rules |
			    cut -f1)" -- "$cur"));;
		1:day)	_crm_arg "$tool" date "$cur";;
		2:day)	COMPREPLY=($(compgen -W 'off work reset' -- "$cur"));;
		1:days)	_crm_arg "$tool" period "$cur";;
		*:import|2:calendar)
			_crm_arg "$tool" file "$cur";;
		esac;;
	crm-user)
		case $nopt:$verb in
		0:)	COMPREPLY=($(compgen -W 'add list set deactivate' -- "$cur"));;
		1:set|*:deactivate)
			_crm_arg "$tool" login "$cur";;
		2:set)	COMPREPLY=($(compgen -W 'name role head email active' -- "$cur"));;
		esac;;
	crm-import)
		_crm_arg "$tool" file "$cur";;
	task-list)
		_crm_arg "$tool" date "$cur";;
	esac
}

complete -F _crm client-add client-edit client-list client-merge crm-backup \
    crm-control crm-undo deal-edit doc-edit task-edit task-reopen \
    task-accept task-return \
    crm-digest crm-erase crm-export crm-import crm-log crm-rules crm-user deal-add \
    deal-list deal-stage doc-add doc-list doc-pay kpi-report plan-check \
    task-add task-cancel task-done task-list task-move task-remind \
    task-today crm-verify
