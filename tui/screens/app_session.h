#ifndef APP_SESSION_H
#define APP_SESSION_H

/*
 * The officer's session (app_session.c): start-up, and the login and
 * sign-up screens once they know the officer.
 */

struct app;
struct store_officer;

/* Start the learn session for officer 'o' (after sign-up or at start). */
void	app_set_officer(struct app *a, const struct store_officer *o);
/*
 * Set up the officer's home: every screen closed, home open, and with
 * 'restore' the place they left (an open quiz, else the last page).
 */
void	app_enter_home(struct app *a, int restore);

#endif
