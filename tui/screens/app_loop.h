#ifndef APP_LOOP_H
#define APP_LOOP_H

/*
 * The main loop (app_loop.c), for start-up only: no screen includes it,
 * so the loop may open any screen and run every timer.
 */

struct app;

/*
 * SIGTERM and SIGHUP (and SIGINT outside a kiosk) end the loop cleanly;
 * in a kiosk the interrupt keys are ignored.
 */
void	app_signals(int kiosk);
/*
 * Paint, wait and dispatch until the app quits or a signal came. The
 * stack must hold a screen.
 */
void	app_loop(struct app *a);

#endif
