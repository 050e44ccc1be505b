#include "config/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/bytes.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/infile.h"
#include "content/schema.h"
#include "base/xalloc.h"
#include "content/ytree.h"

static const char *const config_keys[] = {
	"content", "content-source", "content-key", "content-check",
	"progress-file",
	"certificate-key", "device-key", "trusted-devices",
	"accept-unsigned-exports", "language", "kiosk", "idle-timeout",
	"admin-idle-timeout", "pin-min-length", "privacy-notice", "retention",
	"review-retention", "accessible",
	"admin-pin-hash",
	"agency-homepage", "activity-base", "log-file", "lrs", NULL
};
static const char *const lrs_keys[] = {
	"endpoint", "key", "secret-file", "ca-file", "verify-tls",
	"connect-timeout", "timeout", "batch-size", "allow-plain-http",
	"budget", NULL
};
static const char *const lang_names[] = { "th", "en", NULL };

/*
 * The privacy notice when the configuration has none (PDPA): what is
 * kept, why, who receives it, and the officer's rights. docs/privacy.md.
 */
static const char *const privacy_default[LANG_COUNT] = {
	"ประกาศความเป็นส่วนตัว ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล "
	"พ.ศ. 2562\n\n"
	"หน่วยงานของท่านเก็บรหัสประจำตัว ชื่อ กลุ่มเป้าหมาย และหน่วยงานของท่าน "
	"ความก้าวหน้าในการเรียน คำตอบและคะแนนแบบทดสอบ "
	"และบันทึกการพัฒนาตนเองแบบ 70:20:10 ไว้ในเครื่องนี้ "
	"เพื่อจัดการฝึกอบรมและรายงานผลต่อหน่วยงาน "
	"ผลการเรียนส่งไปยังระบบบันทึกผลการเรียนของหน่วยงานโดยระบุเพียงรหัสประจำตัว "
	"เฉพาะผู้สอนและผู้ดูแลระบบของหน่วยงานเท่านั้นที่เข้าถึงข้อมูลนี้ได้\n\n"
	"ท่านขอสำเนาข้อมูลของท่าน หรือขอให้ลบข้อมูลของท่านได้ที่ผู้สอน",
	"Privacy notice under the Personal Data Protection Act B.E. 2562\n\n"
	"Your agency keeps your officer code, name, target group and agency, "
	"your learning progress, your quiz answers and scores, and your "
	"70:20:10 development log on this machine, to run your training and "
	"report it to the agency. Results go to the agency's learning record "
	"store under your officer code only. Only trainers and the agency's "
	"administrators can see this data.\n\n"
	"You may ask the trainer for a copy of your data or to have it erased.",
};

/* 'name' in rianru's folder under $XDG_DATA_HOME (or ~/.local/share). */
static char *
config_default_data(const char *name)
{
	const char	*xdg = getenv("XDG_DATA_HOME");
	const char	*home = getenv("HOME");
	char		*p;

	if (xdg != NULL && *xdg == '/')
		xasprintf(&p, "%s/rianru/%s", xdg, name);
	else
		xasprintf(&p, "%s/.local/share/rianru/%s",
		    home != NULL && *home != '\0' ? home : ".", name);
	return p;
}

void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->content_dir = xstrdup(RIANRU_DATADIR "/content");
	cfg->db_path = config_default_data("progress.db");
	/* beside the progress file, never inside it (docs/privacy.md) */
	cfg->cert_key = config_default_data("certificate.key");
	/* signs this machine's USB exports (docs/sync.md) */
	cfg->device_key = config_default_data("device.key");
	/* the compiled-content cache's integrity check (compile.h) */
	cfg->cache_key = config_default_data("cache.key");
	cfg->lang = LANG_TH;
	cfg->idle_timeout = 300;
	cfg->admin_idle_timeout = 60;
	cfg->pin_min_length = 6;
	cfg->review_retention = 90;
	cfg->content_check = 3600;
	cfg->homepage = xstrdup("https://rianru.example.go.th");
	cfg->activity_base = xstrdup("https://rianru.example.go.th/xapi/");
	cfg->lrs.verify_tls = 1;
	cfg->lrs.connect_timeout = 10;
	cfg->lrs.timeout = 60;
	cfg->lrs.batch_size = 100;
}

void
config_release(struct config *cfg)
{
	size_t	i;

	free(cfg->path);
	free(cfg->content_dir);
	for (i = 0; i < cfg->ncontent_sources; i++)
		free(cfg->content_sources[i]);
	free(cfg->content_key);
	free(cfg->db_path);
	free(cfg->cert_key);
	free(cfg->device_key);
	free(cfg->cache_key);
	free(cfg->trusted_devices);
	free(cfg->homepage);
	free(cfg->activity_base);
	free(cfg->admin_pin_hash);
	free(cfg->privacy_notice[LANG_TH]);
	free(cfg->privacy_notice[LANG_EN]);
	free(cfg->lrs.endpoint);
	free(cfg->lrs.key);
	free(cfg->lrs.secret_file);
	free(cfg->lrs.ca_file);
	memset(cfg, 0, sizeof *cfg);
}

/* Replace *dst with the text of n (if it is valid text). */
static void
config_str(struct schema *s, const struct ynode *n, char **dst)
{
	const char	*v;

	if (n == NULL || (v = schema_text(s, n)) == NULL)
		return;
	free(*dst);
	*dst = xstrdup(v);
}

/*
 * content-source: one place (an address or a folder) or a list of them
 * (a USB stick's folder first, then the address: sync/update.h).
 */
static void
config_sources(struct schema *s, struct config *cfg, const struct ynode *n)
{
	const char	*v;
	size_t		 i;

	if (n == NULL)
		return;
	if (n->kind == YN_SEQ && (n->n == 0 || n->n > CONFIG_SOURCES)) {
		schema_error(s, n, "'content-source' takes 1 to %d places",
		    CONFIG_SOURCES);
		return;
	}
	for (i = 0; i < cfg->ncontent_sources; i++)
		free(cfg->content_sources[i]);
	cfg->ncontent_sources = 0;
	for (i = 0; i < (n->kind == YN_SEQ ? n->n : 1); i++)
		if ((v = schema_text(s, n->kind == YN_SEQ ? n->kids[i] :
		    n)) != NULL)
			cfg->content_sources[cfg->ncontent_sources++] =
			    xstrdup(v);
	cfg->content_source = cfg->ncontent_sources > 0 ?
	    cfg->content_sources[0] : NULL;
}

/* A whole number of seconds in [min, max] into *dst. */
static void
config_int(struct schema *s, const struct ynode *m, const char *key, int *dst,
    int min, int max)
{
	const struct ynode	*n = ynode_get(m, key);
	double			 v;

	if (n == NULL || schema_number(s, n, key, &v, min, max,
	    NUM_WHOLE) == -1)
		return;
	*dst = (int)v;
}

/* An http(s) IRI, so a typo is caught before the first sync. */
static void
config_iri(struct schema *s, const struct ynode *n, char **dst)
{
	char	*old = *dst;

	*dst = NULL;
	config_str(s, n, dst);
	if (*dst == NULL) {
		*dst = old;
		return;
	}
	if (strncmp(*dst, "http://", 7) != 0 &&
	    strncmp(*dst, "https://", 8) != 0) {
		schema_error(s, n, "'%s' is not an http:// or https:// address",
		    *dst);
		free(*dst);
		*dst = old;
		return;
	}
	free(old);
}

/*
 * Return 1 when the address 'iri' carries credentials (user:secret@host):
 * they would be sent, kept and printed as part of an address.
 */
static int
config_iri_has_userinfo(const char *iri)
{
	const char	*host = strstr(iri, "://");
	size_t		 n;

	if (host == NULL)
		return 0;
	host += 3;
	n = strcspn(host, "/?#");
	return memchr(host, '@', n) != NULL;
}

/*
 * The endpoint's own checks: credentials in it are refused (and never
 * repeated in the message), and plain http:// with a key would send the
 * secret readable by anyone on the way, unless 'allow-plain-http: true'
 * says the agency knows (a test LRS on the same machine).
 */
static void
config_lrs_endpoint(struct schema *s, struct config_lrs *lrs,
    const struct ynode *m)
{
	const struct ynode	*n = ynode_get(m, "endpoint");

	if (n != NULL && n->kind == YN_SCALAR && n->str != NULL &&
	    config_iri_has_userinfo(n->str)) {
		schema_error(s, n, "'endpoint' must not hold credentials "
		    "(user:secret@): put the user in 'key' and the secret in "
		    "'secret-file'");
		return;
	}
	config_iri(s, n, &lrs->endpoint);
	if (n == NULL || lrs->endpoint == NULL)
		return;
	if (strncmp(lrs->endpoint, "http://", 7) == 0 && lrs->key != NULL &&
	    !lrs->allow_plain_http)
		schema_error(s, n, "'endpoint' is plain http://: the key and "
		    "secret would cross the network unencrypted; use https:// "
		    "(or 'allow-plain-http: true' for an LRS on this machine)");
	if (!lrs->verify_tls && strncmp(lrs->endpoint, "https://", 8) == 0)
		schema_warning(s, n, "'verify-tls: false': the LRS's "
		    "certificate is not checked, so whoever is on the network "
		    "can pose as the LRS and read the secret");
}

/* An error at byte 'off' of scalar 'n' (its column, when on one line). */
static void
config_budget_error(struct schema *s, const struct ynode *n, size_t off,
    const char *why)
{
	struct ynode	at = *n;

	if (memchr(n->str, '\n', off) == NULL)
		at.col = n->col + (n->plain ? 0 : 1) + (unsigned)off;
	schema_error(s, &at, "'budget: %s': %s (as in '200 KB per run' or "
	    "'5 MB per day')", n->str, why);
}

/*
 * budget: "N UNIT per run" or "N UNIT per day" (UNIT B, KB, MB, GB; 1 KB =
 * 1,024 bytes), from 1 KB to 1,024 GB: the request bodies a metered link
 * pays for (docs/sync.md, "A budget for metered links").
 */
static void
config_budget(struct schema *s, struct config_lrs *lrs, const struct ynode *n)
{
	const char	*v, *why;
	int64_t		 bytes;
	size_t		 bad;
	int		 len, i;

	if (n == NULL || (v = schema_text(s, n)) == NULL)
		return;
	if ((len = bytes_parse(v, &bytes, &bad, &why)) == -1) {
		config_budget_error(s, n, bad, why);
		return;
	}
	i = len;
	if (strncmp(v + i, " per ", 5) != 0) {
		config_budget_error(s, n, (size_t)i,
		    "expected 'per run' or 'per day' after the amount");
		return;
	}
	i += 5;
	if (strcmp(v + i, "run") != 0 && strcmp(v + i, "day") != 0) {
		config_budget_error(s, n, (size_t)i,
		    "expected 'run' or 'day' after 'per'");
		return;
	}
	if (bytes < 1024 || bytes > (int64_t)1 << 40) {
		config_budget_error(s, n, 0,
		    "the amount must be from 1 KB to 1024 GB");
		return;
	}
	lrs->budget = bytes;
	lrs->budget_daily = strcmp(v + i, "day") == 0;
}

static void
config_lrs(struct schema *s, struct config_lrs *lrs, const struct ynode *m)
{
	if (!schema_is(s, m, YN_MAP, "lrs"))
		return;
	schema_keys(s, m, lrs_keys, NULL, "lrs");
	config_str(s, ynode_get(m, "key"), &lrs->key);
	config_str(s, ynode_get(m, "secret-file"), &lrs->secret_file);
	config_str(s, ynode_get(m, "ca-file"), &lrs->ca_file);
	lrs->verify_tls = schema_opt_bool(s, m, "verify-tls", lrs->verify_tls);
	config_int(s, m, "connect-timeout", &lrs->connect_timeout,
	    1, 600);
	config_int(s, m, "timeout", &lrs->timeout, 1, 3600);
	config_int(s, m, "batch-size", &lrs->batch_size, 1, 1000);
	lrs->allow_plain_http = schema_opt_bool(s, m, "allow-plain-http",
	    lrs->allow_plain_http);
	config_budget(s, lrs, ynode_get(m, "budget"));
	config_lrs_endpoint(s, lrs, m);
}

/* privacy-notice: {th: TEXT, en: TEXT}, either may be left out. */
static void
config_privacy(struct schema *s, struct config *cfg, const struct ynode *m)
{
	static const char *const keys[] = { "th", "en", NULL };

	if (!schema_is(s, m, YN_MAP, "privacy-notice"))
		return;
	schema_keys(s, m, keys, NULL, "'privacy-notice'");
	config_str(s, ynode_get(m, "th"), &cfg->privacy_notice[LANG_TH]);
	config_str(s, ynode_get(m, "en"), &cfg->privacy_notice[LANG_EN]);
}

const char *
config_privacy_notice(const struct config *cfg, enum lang l)
{
	if (l != LANG_TH && l != LANG_EN)
		l = LANG_TH;
	return cfg->privacy_notice[l] != NULL ? cfg->privacy_notice[l] :
	    privacy_default[l];
}

int
config_load_mem(struct config *cfg, const char *name, const char *buf,
    size_t len, struct diags *d)
{
	struct arena		*a = arena_new();
	struct schema		 s;
	const struct ynode	*root, *n;
	size_t			 errors0 = d->nerrors;
	int			 v;

	schema_init(&s, a, d);
	s.file = name;
	root = ytree_parse(a, name, buf, len, d);
	if (root != NULL && schema_is(&s, root, YN_MAP, "a configuration")) {
		schema_keys(&s, root, config_keys, NULL, "the configuration");
		config_str(&s, ynode_get(root, "content"), &cfg->content_dir);
		config_str(&s, ynode_get(root, "progress-file"), &cfg->db_path);
		config_str(&s, ynode_get(root, "certificate-key"),
		    &cfg->cert_key);
		config_str(&s, ynode_get(root, "device-key"),
		    &cfg->device_key);
		config_str(&s, ynode_get(root, "trusted-devices"),
		    &cfg->trusted_devices);
		cfg->accept_unsigned_exports = schema_opt_bool(&s, root,
		    "accept-unsigned-exports", cfg->accept_unsigned_exports);
		config_sources(&s, cfg, ynode_get(root, "content-source"));
		config_str(&s, ynode_get(root, "content-key"),
		    &cfg->content_key);
		config_int(&s, root, "content-check", &cfg->content_check, 0,
		    7 * 86400);
		if ((n = ynode_get(root, "language")) != NULL &&
		    (v = schema_enum(&s, n, lang_names, "language")) >= 0) {
			cfg->lang = (enum lang)v;
			cfg->lang_set = 1;
		}
		cfg->kiosk = schema_opt_bool(&s, root, "kiosk", cfg->kiosk);
		config_int(&s, root, "idle-timeout",
		    &cfg->idle_timeout, 5, 86400);
		config_int(&s, root, "admin-idle-timeout",
		    &cfg->admin_idle_timeout, 5, 86400);
		/* 4 digits fall offline in minutes from a copied file */
		config_int(&s, root, "pin-min-length",
		    &cfg->pin_min_length, 4, 12);
		/* months; 0 keeps every answer (docs/privacy.md) */
		config_int(&s, root, "retention", &cfg->retention_months, 0,
		    1200);
		if ((n = ynode_get(root, "privacy-notice")) != NULL)
			config_privacy(&s, cfg, n);
		config_int(&s, root, "review-retention",
		    &cfg->review_retention, 50, 99);
		cfg->accessible = schema_opt_bool(&s, root, "accessible",
		    cfg->accessible);
		if ((n = ynode_get(root, "admin-pin-hash")) != NULL) {
			config_str(&s, n, &cfg->admin_pin_hash);
			if (cfg->admin_pin_hash != NULL && strncmp(
			    cfg->admin_pin_hash, "$argon2id$", 10) != 0)
				schema_error(&s, n, "'admin-pin-hash' must be "
				    "the output of 'rianru pin-hash'");
		}
		config_iri(&s, ynode_get(root, "agency-homepage"),
		    &cfg->homepage);
		config_iri(&s, ynode_get(root, "activity-base"),
		    &cfg->activity_base);
		/*
		 * Documented once but never written: a log that could hold
		 * PINs or answers is a liability, so there is none. Old
		 * files still load.
		 */
		if ((n = ynode_get(root, "log-file")) != NULL)
			schema_warning(&s, n, "'log-file' is not used: rianru "
			    "writes no log file (remove the line)");
		if ((n = ynode_get(root, "lrs")) != NULL)
			config_lrs(&s, &cfg->lrs, n);
	}
	arena_free(a);
	return d->nerrors > errors0 ? -1 : 0;
}

int
config_load_file(struct config *cfg, const char *path, struct diags *d)
{
	FILE	*f;
	char	*buf;
	size_t	 len, cap = 4096;
	int	 rc;

	if ((f = fopen(path, "rb")) == NULL)
		return diags_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		    strerror(errno));
	buf = xmalloc(cap);
	len = 0;
	while (!feof(f) && !ferror(f) && len < (1u << 20)) {
		if (len + 1024 > cap)
			buf = xreallocarray(buf, cap *= 2, 1);
		len += fread(buf + len, 1, cap - len - 1, f);
	}
	fclose(f);
	free(cfg->path);
	cfg->path = xstrdup(path);
	rc = config_load_mem(cfg, path, buf, len, d);
	free(buf);
	return rc;
}

char *
config_find(const char *arg, int *explicit)
{
	const char	*env, *home;
	char		*p;

	*explicit = 0;
	if (arg != NULL) {
		*explicit = 1;
		return xstrdup(arg);
	}
	if ((env = getenv("RIANRU_CONFIG")) != NULL && *env != '\0') {
		*explicit = 1;
		return xstrdup(env);
	}
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env == '/')
		xasprintf(&p, "%s/rianru/config.yaml", env);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		xasprintf(&p, "%s/.config/rianru/config.yaml", home);
	else
		p = NULL;
	if (p != NULL && access(p, F_OK) == 0)
		return p;
	free(p);
	if (access("/etc/rianru/config.yaml", F_OK) == 0)
		return xstrdup("/etc/rianru/config.yaml");
	return NULL;
}

int
config_lrs_secret(const struct config_lrs *lrs, char **secret, struct err *e)
{
	const char	*env = getenv("RIANRU_LRS_SECRET");
	struct stat	 sb;
	char		 line[1024];
	ssize_t		 n;
	size_t		 len;
	int		 fd;

	*secret = NULL;
	if (env != NULL && *env != '\0') {
		*secret = xstrdup(env);
		return 0;
	}
	if (lrs->secret_file == NULL)
		return err_set(e, "no secret for LRS key '%s': set lrs: "
		    "secret-file or $RIANRU_LRS_SECRET", lrs->key);
	if ((fd = open(lrs->secret_file, O_RDONLY | O_CLOEXEC)) == -1)
		return err_set(e, "cannot open secret file '%s': %s",
		    lrs->secret_file, strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return err_set(e, "secret file '%s' is not a regular file",
		    lrs->secret_file);
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return err_set(e, "secret file '%s' is open to other users; "
		    "chmod 600 it", lrs->secret_file);
	}
	n = read(fd, line, sizeof line - 1);
	close(fd);
	if (n < 0)
		return err_set(e, "cannot read secret file '%s': %s",
		    lrs->secret_file, strerror(errno));
	line[n] = '\0';
	len = strcspn(line, "\r\n");
	line[len] = '\0';
	if (len == 0) {
		explicit_bzero(line, sizeof line);
		return err_set(e, "secret file '%s' is empty",
		    lrs->secret_file);
	}
	*secret = xstrdup(line);
	explicit_bzero(line, sizeof line);
	return 0;
}

void
config_secret_free(char *secret)
{
	if (secret == NULL)
		return;
	explicit_bzero(secret, strlen(secret));
	free(secret);
}
