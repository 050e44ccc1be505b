# The hand-worked data set of tests/unit/test_stats.c as a course and a
# progress file, for tests/cli/stats.sh and tests/e2e/preview_stats.sh:
# sourced with T (a scratch folder) and RIANRU set; makes $T/cat (one
# course 'st', quiz 'st-quiz', questions q1 q2 q3) and $T/p.db. Needs the
# sqlite3 program. tests/run.sh skips lib-*.sh.

mkdir -p "$T/cat/st"
cat >"$T/cat/st/course.yaml" <<'YAML'
rianru: 1
id: st
version: 1.0.0
title: { th: สถิติ, en: Stats }
audience: all
area: digital-literacy
level: early
hours: 1
modules: [m.yaml]
YAML
cat >"$T/cat/st/m.yaml" <<'YAML'
id: m
title: { th: แบบทดสอบ, en: Quiz }
quiz:
  id: st-quiz
  questions:
    - id: q1
      type: choice
      prompt: { th: ข้อใดถูก, en: Which is right? }
      choices:
        - { id: a, text: { th: ถูก, en: Right }, correct: true }
        - { id: b, text: { th: ผิด, en: Wrong } }
        - { id: c, text: { th: ไม่มีใครเลือก, en: Nobody } }
    - id: q2
      type: fill-in
      prompt: { th: ชื่อย่อ, en: Abbreviation }
      answers: ["ก.พ."]
    - id: q3
      type: true-false
      prompt: { th: จริงไหม, en: True? }
      answer: false
YAML
DB=$T/p.db
for i in 1 2 3 4 5; do
	"$RIANRU" --db "$DB" user add --code "c$i" --name "n$i" --group other \
	    >/dev/null
done
# attempt ROW: officer, started, then (response, points) for q1 q2 q3
n=0
attempt() {
	n=$((n + 1))
	o=$1 t=$2
	shift 2
	sql="INSERT OR IGNORE INTO enrolment (officer_id, course_id, enrolled)
	    VALUES ($o, 'st', $t);
	    INSERT INTO attempt (id, officer_id, course_id, quiz_id,
	    question_order, started, finished, points, max_points, scaled,
	    passed) VALUES ('a$n', $o, 'st', 'st-quiz',
	    'plan/1 q1:a,b,c q2 q3', $t, $t + 60, $2 + $4 + $6, 3,
	    ($2 + $4 + $6) / 3.0, 0);"
	k=1
	while [ $# -gt 0 ]; do
		sql="$sql INSERT INTO answer (attempt_id, question_id, response,
		    correct, points, answered) VALUES ('a$n', 'q$k', '$1',
		    $2 = 1, $2, $t + $k);"
		k=$((k + 1))
		shift 2
	done
	sqlite3 "$DB" "$sql"
}
#        officer  q1     q2          q3
attempt 1 1000    a 1    'ก.พ.' 1    false 1
attempt 2 1000    a 1    'ก.พ.' 1    true 0
attempt 3 1000    a 1    'กพร' 0     false 1
attempt 4 1000    a 1    'กพร' 0     true 0
attempt 5 1000    b 0    x 0         true 0
# officer 5 again, later and better: only --all-attempts sees it
attempt 5 2000    a 1    'ก.พ.' 1    false 1

