#ifndef VOCAB_H
#define VOCAB_H

/*
 * The fixed vocabularies of Thai civil-service digital training: the six
 * target groups of officers, the skill areas, and course levels. Content,
 * the progress store and reports all key on the stable ids below; the
 * Thai and English names are for display.
 */

enum group {
	GROUP_EXECUTIVE,	/* senior executives */
	GROUP_DIRECTOR,		/* division directors */
	GROUP_POLICY,		/* policy and academic staff */
	GROUP_SERVICE,		/* service staff */
	GROUP_TECHNOLOGY,	/* technology staff */
	GROUP_OTHER,		/* other staff */
	GROUP_COUNT
};

enum area {
	AREA_LITERACY,		/* digital literacy */
	AREA_GOVERNANCE,	/* digital governance, standards, compliance */
	AREA_TECHNOLOGY,	/* digital technology */
	AREA_SERVICE_DESIGN,	/* digital process and service design */
	AREA_PROJECT,		/* planning and project management */
	AREA_LEADERSHIP,	/* digital leadership */
	AREA_COUNT
};

enum level {
	LEVEL_EARLY,
	LEVEL_DEVELOPING,
	LEVEL_ADVANCED,
	LEVEL_COUNT
};

struct vocab_entry {
	const char	*id;	/* stable id used in content and records */
	const char	*th;	/* Thai display name */
	const char	*en;	/* English display name */
};

extern const struct vocab_entry vocab_groups[GROUP_COUNT];
extern const struct vocab_entry vocab_areas[AREA_COUNT];
extern const struct vocab_entry vocab_levels[LEVEL_COUNT];

/*
 * Look 'id' up in 'table' of 'n' entries. Returns its index, or -1 when
 * unknown.
 */
int	vocab_find(const struct vocab_entry *table, int n, const char *id);

#endif
