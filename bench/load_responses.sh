#!/usr/bin/env bash
# Loads a results file (docs/results-format.md) into a Wanjia SQLite database as a new wave, one
# survey_responses row per line and one survey_answers row per answered module item, stored the
# way the app stores them (UUIDs as upper-case text, times as epoch seconds, scale values 100/80/
# 60/40/0, top box = codes 5, 4, 3), so `wanjia survey scores --wave CODE` scores them. For
# bench/surveys.sh only: plain sqlite3, no validation.
#
#   load_responses.sh DB RESULTS.csv WAVE_CODE
set -euo pipefail
db=$1 csv=$2 wave=$3

uuid="upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
  || substr('89AB', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

items=$(head -1 "$csv" | tr -d '\r' | tr ',' '\n' | grep '^m\.')
answers=""
for item in $items; do
  module=$(cut -d. -f2 <<<"$item")
  answers+="
INSERT INTO survey_answers (response_id, wave_id, unit_id, question_code, module, construct, raw, value, top_box,
  weight, segment, channel)
SELECT r.id, r.wave_id, r.unit_id, '$item', '$module', NULL, s.\"$item\",
  CASE s.\"$item\" WHEN '5' THEN 100.0 WHEN '4' THEN 80.0 WHEN '3' THEN 60.0 WHEN '2' THEN 40.0 ELSE 0.0 END,
  s.\"$item\" IN ('3', '4', '5'), r.weight, r.segment, r.channel
FROM staging s JOIN response_ids r ON r.rid = s.rowid WHERE s.\"$item\" <> '';"
done

sqlite3 "$db" <<SQL
.bail on
PRAGMA foreign_keys = ON;
DROP TABLE IF EXISTS staging;
.import --csv $csv staging
BEGIN;
INSERT INTO survey_waves (id, version, code, name, year, is_open, attempt_limit, questionnaire, plan, milestones,
  completions, sampled_at, created_at)
SELECT $uuid, 1, '$wave', '$wave (bench)', 2099, 0, attempt_limit, questionnaire, plan, milestones, completions,
  sampled_at, created_at
FROM survey_waves ORDER BY year DESC LIMIT 1;
CREATE TEMP TABLE response_ids AS
SELECT s.rowid AS rid, $uuid AS id, (SELECT id FROM survey_waves WHERE code = '$wave') AS wave_id, u.id AS unit_id,
  s.segment AS segment, 'phone' AS channel, CAST(s.weight AS REAL) AS weight
FROM staging s JOIN units u ON u.code = s.unit_code;
INSERT INTO survey_responses (id, wave_id, unit_id, sample_id, segment, channel, weight, comment, answered_at,
  recorded_by)
SELECT id, wave_id, unit_id, NULL, segment, channel, weight, NULL, unixepoch('now'), 'bench'
FROM response_ids;
$answers
COMMIT;
DROP TABLE staging;
SQL
