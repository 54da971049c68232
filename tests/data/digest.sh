# tests/data/digest.sh: the department of the digest tests, sourced after
# tests/lib.sh.  Today is Thursday 2026-11-26; Wednesday is yesterday.
# Clients and deals go in by SQL until the deal tools are merged.

department
# These regulations let tasks with no client and no deal fill a day's
# plan (plan.filler): the plan's rules tested here are others; the
# default, that filler does not, is tests/56-review.t's.
CRM_USER=root crm-rules set plan.filler 1
q() { dbq "$1"; }
dbq "INSERT INTO client (id, name, name_key, created_at,
    created_by) VALUES (1, 'ООО «Ромашка»', 'ооо «ромашка»', '$CRM_NOW', 2),
    (2, 'ИП Лютиков', 'ип лютиков', '$CRM_NOW', 2);
    INSERT INTO deal (id, client_id, manager_id, title, amount, stage_id,
    opened_at, created_by) VALUES
    (1, 1, 4, 'Поставка бумаги', 15000000, 2, '$CRM_NOW', 4),
    (2, 2, 4, 'Картриджи', 250000, 1, '$CRM_NOW', 4),
    (3, 2, 4, 'Старая сделка', 100, 5, '$CRM_NOW', 4),
    (4, 1, 5, 'Мебель в офис', 99000000, 3, '$CRM_NOW', 5);"

at() { _now=$1 _as=$2; shift 2; CRM_NOW="$_now" CRM_USER=$_as "$@"; }
# ivanov: two overdue, one done yesterday, three today, one tomorrow.
at "2026-11-20 09:00:00" ivanov task-add -d 2026-11-23 -k call \
    -c Ромашка 'Позвонить в Ромашку' >/dev/null		# 1
at "2026-11-20 09:00:00" ivanov task-add -d 2026-11-25 \
    'Подготовить КП' >/dev/null				# 2
at "2026-11-24 09:00:00" ivanov task-add -d 2026-11-25 -k call \
    -c Лютиков 'Звонок Лютикову' >/dev/null			# 3
at "2026-11-25 16:00:00" ivanov task-done -r 'договорились о встрече' 3
CRM_USER=ivanov task-add -T 15:00 -k meeting -c Лютиков \
    'Встреча в офисе клиента' >/dev/null			# 4
CRM_USER=ivanov task-add -T 09:30 -k call -l 1 'Звонок по поставке бумаги:'\
' обсудить объёмы, цены, сроки поставки и условия оплаты' >/dev/null	# 5
CRM_USER=ivanov task-add 'Без времени' >/dev/null		# 6
CRM_USER=ivanov task-add -d 2026-11-27 'Завтра' >/dev/null	# 7
# kozlov: one task today, with a title that tries to colour a terminal.
CRM_USER=kozlov task-add -- 'Козлов сегодня' >/dev/null		# 8
dbq "UPDATE task SET title = 'Красный$(printf '\033')[31m текст'
    WHERE id = 8"
# smirnova: nothing planned; her deal has no next step.
CRM_USER=root crm-rules set rollout.launch 2026-11-23
