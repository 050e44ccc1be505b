#include "base/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"

FILE *
infile_open(const char *path, struct err *e)
{
	struct stat	 sb;
	FILE		*f;
	int		 fd, fl;

	/* O_NONBLOCK: opening a FIFO with no writer returns at once */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		err_set(e, "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		err_set(e, "not a regular file");
		close(fd);
		return NULL;
	}
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		err_set(e, "%s", strerror(errno));
		close(fd);
		return NULL;
	}
	return f;
}
