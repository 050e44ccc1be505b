#include "content/vocab.h"

#include <string.h>

const struct vocab_entry vocab_groups[GROUP_COUNT] = {
	{ "executive",	"ผู้บริหารระดับสูง",		"Senior executives" },
	{ "director",	"ผู้อำนวยการกอง",		"Division directors" },
	{ "policy",	"ผู้ทำงานด้านนโยบายและวิชาการ",	"Policy and academic staff" },
	{ "service",	"ผู้ทำงานด้านบริการ",		"Service staff" },
	{ "technology",	"ผู้ปฏิบัติงานด้านเทคโนโลยี",	"Technology staff" },
	{ "other",	"ผู้ปฏิบัติงานอื่น",		"Other staff" },
};

const struct vocab_entry vocab_areas[AREA_COUNT] = {
	{ "digital-literacy",	"ความเข้าใจและใช้เทคโนโลยีดิจิทัล",
	    "Digital literacy" },
	{ "digital-governance",	"ธรรมาภิบาล มาตรฐาน และกฎหมายดิจิทัล",
	    "Digital governance, standards and compliance" },
	{ "digital-technology",	"เทคโนโลยีดิจิทัล",
	    "Digital technology" },
	{ "service-design",	"การออกแบบกระบวนการและบริการดิจิทัล",
	    "Digital process and service design" },
	{ "project-management",	"การวางแผนและบริหารโครงการ",
	    "Planning and project management" },
	{ "digital-leadership",	"ภาวะผู้นำดิจิทัล",
	    "Digital leadership" },
};

const struct vocab_entry vocab_levels[LEVEL_COUNT] = {
	{ "early",	"ระดับต้น",	"Early" },
	{ "developing",	"ระดับกลาง",	"Developing" },
	{ "advanced",	"ระดับสูง",	"Advanced" },
};

int
vocab_find(const struct vocab_entry *table, int n, const char *id)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(table[i].id, id) == 0)
			return i;
	return -1;
}
