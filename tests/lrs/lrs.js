'use strict';
// A real LRS for the sync tests: Learning Locker's statements service
// (npm xapi-statements 5.0.1) with in-memory models, started the way its
// dist/server.js starts it, with three changes (notes/test-lrs.md):
//  - it listens on 127.0.0.1 only;
//  - only one key:secret is accepted (anything else is 401), so the tests
//    can see rianru stop on refused credentials; with --writer SECRET a
//    second key, rianru-writer, may send statements but not read them
//    (scope statements/write: a GET of statements is 403);
//  - the in-memory statements survive a stop (SIGTERM) and restart when
//    --state FILE is given, like an LRS with a database, so "stopped and
//    restarted mid-run" can be checked for exactly-once delivery;
//  - request bodies are decoded as UTF-8 once, whole. The service reads
//    them with stream-to-string 1.x, which decodes every network chunk on
//    its own, so a Thai character (3 bytes) split between two TCP reads
//    is stored as U+FFFD: large batches of Thai statements came back
//    mangled (and a resend of the same bytes can then look like another
//    body: 409).
//    docs/sync.md tells operators to check their LRS for this.
//
//  - with --max-page N it returns at most N statements a page, whatever
//    'limit' asks (0 or more than N: N), as an LRS with a small maximum
//    page may (xAPI 1.0.3, 2.1.3: the LRS may return fewer), so a reader
//    must follow 'more' links to get them all; each GET of statements is
//    then listed in DIR/pages (its URL as asked), so a test can count them.
//
//   node lrs.js --dir DIR --key KEY --secret SECRET [--port N] [--state FILE]
//       [--writer SECRET] [--max-page N]
//
// Writes the port it listens on to DIR/port once it accepts connections.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');

function arg(name, def) {
	const i = process.argv.indexOf('--' + name);
	return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
const dir = arg('dir');
const key = arg('key', 'rianru');
const secret = arg('secret', 'secret');
const port = Number(arg('port', '0'));
const stateFile = arg('state', '');
const writer = arg('writer', '');
const maxPage = Number(arg('max-page', '0'));
if (!dir) {
	console.error('lrs.js: --dir DIR is required');
	process.exit(2);
}
fs.mkdirSync(path.join(dir, 'accessLogs'), { recursive: true });
Object.assign(process.env, {
	EXPRESS_PORT: String(port), MODELS_REPO: 'memory', STORAGE_REPO: 'local',
	EVENTS_REPO: 'test', AUTH_REPO: 'test', SERVICE_AWAIT_UPDATES: 'true',
	FS_LOCAL_STORAGE_DIR: dir,
	EXPRESS_MORGAN_DIRECTORY: path.join(dir, 'accessLogs'),
	WINSTON_CONSOLE_LEVEL: 'error', LANG: 'en',
});

const dist = 'xapi-statements/dist/';

// Whole-body UTF-8 decoding for the service's stream-to-string.
const s2s = require.resolve('stream-to-string', {
	paths: [path.dirname(require.resolve('xapi-statements/package.json'))],
});
require(s2s);
require.cache[s2s].exports = (stream, enc, cb) => {
	if (typeof enc === 'function') {
		cb = enc;
		enc = null;
	}
	const p = new Promise((resolve, reject) => {
		const chunks = [];
		stream.on('data', (c) => chunks.push(Buffer.from(c)));
		stream.on('end', () => resolve(Buffer.concat(chunks)
		    .toString(typeof enc === 'string' ? enc : 'utf8')));
		stream.on('error', reject);
	});
	if (cb)
		p.then((str) => cb(null, str), cb);
	return p;
};
const NoModel = require('jscommons/dist/errors/NoModel').default;
const { TEST_CLIENT } = require(dist + 'utils/testValues');

// One key:secret, checked before the service's fake client lookup is used.
const expected = 'Basic ' + Buffer.from(key + ':' + secret).toString('base64');
const writerToken = writer ? 'Basic ' +
    Buffer.from('rianru-writer:' + writer).toString('base64') : null;
require(dist + 'repo/authRepo/getClient/fake').default = () =>
	async ({ authToken }) => {
		if (writerToken !== null && authToken === writerToken)
			return { client: Object.assign({}, TEST_CLIENT,
			    { scopes: ['statements/write'] }) };
		if (authToken !== expected)
			throw new NoModel('Client');
		return { client: TEST_CLIENT };
	};

// Keep the memory models' state across restarts (v8 keeps Dates as Dates).
let models = null;
const memory = require(dist + 'repo/modelsRepo/utils/memoryModels/facade');
const memoryFacade = memory.default;
memory.default = (config) => {
	if (stateFile && fs.existsSync(stateFile))
		config.state = v8.deserialize(fs.readFileSync(stateFile));
	models = config;
	return memoryFacade(config);
};
function save() {
	if (stateFile && models) {
		fs.writeFileSync(stateFile + '.tmp', v8.serialize(models.state));
		fs.renameSync(stateFile + '.tmp', stateFile);
	}
}

const express = require('express');
const config = require(dist + 'config').default;
const constants = require(dist + 'utils/constants');
const translator = require(dist + 'translatorFactory').default();
const service = require(dist + 'serviceFactory').default();
const logger = require(dist + 'logger').default;
const presenter = require(dist + 'expressPresenter').default({
	llClientInfoEndpoint: config.llClientInfoEndpoint,
	customRoute: config.express.customRoute,
	customRouteText: config.express.customRouteText,
	morganDirectory: config.express.morganDirectory,
	bodyParserLimit: config.express.bodyParserLimit,
	service, tracker: require(dist + 'tracker').default, translator, logger,
});

const app = express();
if (maxPage > 0) {
	// before the service reads the query: cap 'limit' (the more link
	// the service writes then carries the capped value)
	app.use((req, res, next) => {
		const q = req.url.indexOf('?');
		if (req.method === 'GET' && q >= 0) {
			fs.appendFileSync(path.join(dir, 'pages'), req.url + '\n');
			const params = new URLSearchParams(req.url.slice(q + 1));
			const limit = Number(params.get('limit') || '0');
			if (!(limit > 0 && limit <= maxPage)) {
				params.set('limit', String(maxPage));
				req.url = req.url.slice(0, q + 1) + params.toString();
				// express parsed the query before this runs
				if (req.query !== undefined)
					req.query.limit = String(maxPage);
			}
		}
		next();
	});
}
app.use(constants.aboutRoute, presenter.aboutRouter);
app.use(constants.fullActivitiesRoute, presenter.fullActivitiesRouter);
app.use(constants.statementsRoute, presenter.statementsRouter);
const server = app.listen(port, '127.0.0.1', () => {
	fs.writeFileSync(path.join(dir, 'port.tmp'),
	    String(server.address().port) + '\n');
	fs.renameSync(path.join(dir, 'port.tmp'), path.join(dir, 'port'));
});
server.on('error', (err) => {
	console.error('lrs.js: ' + err.message);
	process.exit(1);
});
for (const sig of ['SIGTERM', 'SIGINT']) {
	process.on(sig, () => {
		save();
		process.exit(0);
	});
}
