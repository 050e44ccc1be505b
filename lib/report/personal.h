#ifndef PERSONAL_H
#define PERSONAL_H

#include <stdint.h>
#include <time.h>

/*
 * Everything the progress file holds about one officer as JSON, for
 * 'rianru user export' (Thailand's Personal Data Protection Act; see
 * docs/privacy.md).
 */

struct buf;
struct err;
struct store;

/*
 * Append to 'out' one JSON object: "format" ("rianru-personal-data-1"),
 * "exported" (ISO 8601 UTC from 'now'), and one array of row objects per
 * table that holds something about officer 'officer_id' (officer,
 * enrolment, module_progress, attempt, answer, event, outbox,
 * practice_log, certificate, review, review_log; an outbox row's
 * statement is embedded as JSON). PIN hashes appear only as "set".
 * Returns 0, or -1 and *e ('out' may hold a part).
 */
int	personal_export_json(struct store *st, int64_t officer_id, time_t now,
	    struct buf *out, struct err *e);

#endif
