#ifndef APP_KIOSK_H
#define APP_KIOSK_H

#include <time.h>

/*
 * The kiosk's logout (app_kiosk.c), for the loop: it opens the login
 * screen, so no screen includes it.
 */

struct app;

/* Back to the login screen, with nothing of the officer left. */
void	app_logout(struct app *a);
/* ms until the idle logout is due (or -1), logging out when due. */
int	app_idle_tick(struct app *a, time_t now);

#endif
