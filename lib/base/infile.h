#ifndef INFILE_H
#define INFILE_H

#include <stdio.h>

struct err;

/*
 * Open 'path' for reading only if it is a regular file. The file type is
 * checked on the opened descriptor, which is opened without blocking, so
 * a FIFO or device given as a module, plan, roster or configuration is
 * refused ("not a regular file") instead of hanging the program. Returns
 * a stream the caller closes with fclose(), or NULL with *e set (the
 * message is the reason alone, for the caller to put the path before).
 */
FILE	*infile_open(const char *path, struct err *e);

#endif
