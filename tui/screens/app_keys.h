#ifndef APP_KEYS_H
#define APP_KEYS_H

/* Where a key goes (app_keys.c), for the loop; no screen includes it. */

struct app;

/*
 * Key 'ch' (APP_UNI set for a non-ASCII character): the kiosk's and the
 * preview's keys first, then help and 'L', then the screen on top.
 */
void	app_key(struct app *a, int ch);

#endif
