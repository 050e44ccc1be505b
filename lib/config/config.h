#ifndef CONFIG_H
#define CONFIG_H

#include <stdint.h>

#include "content/course.h"

/*
 * rianru's configuration (config.yaml; every key is documented in
 * config.example.yaml). Strings are owned by the config: config_release().
 */

struct diags;
struct err;

struct config_lrs {
	char	*endpoint;	/* base IRI, e.g. https://lrs.example/xAPI/; NULL = no sync */
	char	*key;		/* Basic auth user */
	char	*secret_file;	/* file (mode 0600) holding the secret */
	char	*ca_file;	/* extra CA bundle; NULL = system */
	int	 verify_tls;	/* default 1 */
	int	 connect_timeout;	/* seconds */
	int	 timeout;	/* seconds, whole request */
	int	 batch_size;	/* statements per POST */
	int	 allow_plain_http;	/* http:// with a key; default 0 */
	int64_t	 budget;	/* bytes POSTed at most; 0 = no limit */
	int	 budget_daily;	/* the budget is per day, else per run */
};

#define CONFIG_SOURCES	4	/* content-source: places at most */

struct config {
	char			*path;		/* where it was read; NULL = defaults */
	char			*content_dir;
	char			*content_source;	/* updates: the first source */
	char			*content_sources[CONFIG_SOURCES];	/* all */
	size_t			 ncontent_sources;	/* a URL, folders */
	char			*content_key;	/* its minisign public key */
	int			 content_check;	/* seconds between the app's
						 * checks; 0 = never */
	char			*db_path;
	char			*cert_key;	/* certificates' key file (0600) */
	char			*device_key;	/* signs USB exports (0600) */
	char			*cache_key;	/* keys the content cache's
						 * check (0600; no YAML key) */
	char			*trusted_devices;	/* enrolled public keys;
							 * NULL = none */
	int			 accept_unsigned_exports;	/* push
						 * unsigned or unenrolled
						 * exports; default 0 */
	enum lang		 lang;		/* interface and content language */
	int			 lang_set;	/* given in the file */
	int			 kiosk;
	int			 idle_timeout;	/* seconds; kiosk logout */
	int			 admin_idle_timeout;	/* the same, trainer's menu */
	int			 pin_min_length;	/* digits, 4..12; default 6 */
	int			 retention_months;	/* answers kept; 0 = all */
	char			*privacy_notice[LANG_COUNT];	/* NULL: built in */
	int			 review_retention; /* FSRS target, percent */
	int			 accessible;	/* screen readers: ASCII symbols,
						 * no countdown each second */
	char			*admin_pin_hash;	/* trainer's PIN (Argon2id) */
	char			*homepage;	/* agency IRI for xAPI account actor */
	char			*activity_base;	/* IRI prefix for activity ids */
	struct config_lrs	 lrs;
};

/*
 * The privacy notice in language 'l': the configuration's, else the
 * built-in one (Thai and English). Borrowed from 'cfg' or static.
 */
const char *config_privacy_notice(const struct config *cfg, enum lang l);

/* Built-in defaults ($XDG_DATA_HOME for the progress file, ...). */
void	config_init(struct config *cfg);
void	config_release(struct config *cfg);

/*
 * Read 'path' over the defaults in 'cfg'. Every problem goes to 'd' as
 * path:line:col; returns -1 when there was an error (cfg keeps the
 * defaults for what was wrong).
 */
int	config_load_file(struct config *cfg, const char *path, struct diags *d);
int	config_load_mem(struct config *cfg, const char *name, const char *buf,
	    size_t len, struct diags *d);

/*
 * The config file to read: 'arg' (--config), else $RIANRU_CONFIG, else
 * $XDG_CONFIG_HOME/rianru/config.yaml, else /etc/rianru/config.yaml, if
 * it exists. Returns a new string (caller frees), or NULL for defaults.
 * *explicit is set when the file was named and so must exist.
 */
char	*config_find(const char *arg, int *explicit);

/*
 * The LRS secret for lrs->key: $RIANRU_LRS_SECRET when set and not empty,
 * else the first line of lrs->secret_file, which must not be readable or
 * writable by group or others (chmod 600). Sets *secret to a new string
 * the caller frees with config_secret_free(). Returns 0, or -1 and *e
 * (the message never contains the secret).
 */
int	config_lrs_secret(const struct config_lrs *lrs, char **secret,
	    struct err *e);
/* Wipe and free a secret; NULL is fine. */
void	config_secret_free(char *secret);

#endif
