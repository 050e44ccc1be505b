#include "base/bytes.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char	*name;
	int64_t		 mult;
} bytes_units[] = {
	{ "B", 1 },
	{ "KB", (int64_t)1 << 10 },
	{ "MB", (int64_t)1 << 20 },
	{ "GB", (int64_t)1 << 30 },
};

int
bytes_parse(const char *s, int64_t *bytes, size_t *bad, const char **why)
{
	size_t	i = 0, j, u, len;
	int64_t	n = 0;

	*bytes = 0;
	if (s[0] < '0' || s[0] > '9') {
		*bad = 0;
		*why = "expected a whole number";
		return -1;
	}
	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		/* 2^40 is far above any budget: stop before overflow */
		if (n > ((int64_t)1 << 40)) {
			*bad = 0;
			*why = "the number is too large";
			return -1;
		}
		n = n * 10 + (s[i] - '0');
	}
	if (s[i] != ' ') {
		*bad = i;
		*why = "expected a space and a unit (B, KB, MB or GB)";
		return -1;
	}
	while (s[i] == ' ')
		i++;
	for (j = i; s[j] != '\0' && s[j] != ' '; j++)
		;
	len = j - i;
	for (u = 0; u < sizeof bytes_units / sizeof bytes_units[0]; u++)
		if (strlen(bytes_units[u].name) == len &&
		    strncmp(s + i, bytes_units[u].name, len) == 0) {
			*bytes = n * bytes_units[u].mult;
			return (int)j;
		}
	*bad = i;
	*why = "expected a unit: B, KB, MB or GB";
	return -1;
}

const char *
bytes_fmt(int64_t n, char *buf, size_t len)
{
	size_t	u = 0;

	while (u + 1 < sizeof bytes_units / sizeof bytes_units[0] &&
	    n >= bytes_units[u + 1].mult)
		u++;
	/* whole amounts as written in the configuration: "200 KB" */
	if (n % bytes_units[u].mult == 0)
		snprintf(buf, len, "%lld %s", (long long)(n /
		    bytes_units[u].mult), bytes_units[u].name);
	else
		snprintf(buf, len, "%.1f %s", (double)n /
		    (double)bytes_units[u].mult, bytes_units[u].name);
	return buf;
}
