'use strict';
// A fault-injecting HTTP proxy of our own between rianru and the test LRS,
// on 127.0.0.1 only:
//
//   node proxy.js --dir DIR --upstream PORT [--latency MS]
//
// Writes its port to DIR/port and one line per request to DIR/log:
//   "<n> <ms> <METHOD> <path> <statements> <sha1 of body> <outcome>"
// and to DIR/bytes "<n> <METHOD> <bytes of the request body>".
// where ms is when the request arrived (ms since the epoch) and outcome
// is the upstream status, or the fault applied.
//
// Faults are queued by POST /__faults with a JSON array; each entry
// applies to the next request it matches ("match": "POST" (default),
// "GET" or "any"), in order:
//   {"kind":"pass"}                    forward unchanged
//   {"kind":"status","code":500}       answer 500 without forwarding
//   {"kind":"status","code":429,"retryAfter":1}
//   {"kind":"reset-before"}            close the connection at once
//   {"kind":"reset-after"}             forward, then cut the answer off
//                                      half way (the LRS stored it)
//   {"kind":"slow","ms":3000}          forward, answer only after ms
//   {"kind":"status","code":500,"body":"..."}  answer with that body
//   {"kind":"trickle","code":500}      answer one byte a second, forever
//                                      (a server that never finishes)
// When the LRS is down the client's connection is closed, as a dead
// upstream would. GET /__faults answers how many faults are still queued.
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

function arg(name, def) {
	const i = process.argv.indexOf('--' + name);
	return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
const dir = arg('dir');
const upstream = Number(arg('upstream'));
const latency = Number(arg('latency', '0'));
const logFile = path.join(dir, 'log');
let faults = [];
let n = 0;

function log(line) {
	fs.appendFileSync(logFile, line + '\n');
}

function count(body) {
	try {
		const v = JSON.parse(body);
		return Array.isArray(v) ? v.length : 1;
	} catch (e) {
		return 0;
	}
}

function takeFault(method) {
	const i = faults.findIndex((f) => (f.match || 'POST') === 'any' ||
	    (f.match || 'POST') === method);
	return i < 0 ? { kind: 'pass' } : faults.splice(i, 1)[0];
}

// Send the request upstream; call done(status, headers, body) or
// done(null) when the LRS cannot be reached.
function forward(req, body, done) {
	const up = http.request({
		host: '127.0.0.1', port: upstream, method: req.method,
		path: req.url, headers: req.headers,
	}, (res) => {
		const chunks = [];
		res.on('data', (c) => chunks.push(c));
		res.on('end', () => done(res.statusCode, res.headers,
		    Buffer.concat(chunks)));
		res.on('error', () => done(null));
	});
	up.on('error', () => done(null));
	up.end(body);
}

const server = http.createServer((req, res) => {
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const body = Buffer.concat(chunks);
		if (req.url === '/__faults') {
			if (req.method === 'POST')
				faults = faults.concat(JSON.parse(body));
			res.end(JSON.stringify({ queued: faults.length }));
			return;
		}
		const id = ++n;
		const what = id + ' ' + Date.now() + ' ' + req.method + ' ' +
		    req.url + ' ' + count(body.toString()) + ' ' +
		    crypto.createHash('sha1').update(body).digest('hex');
		// the request bodies' sizes, for the budget (tests/lrs/budget.sh)
		fs.appendFileSync(path.join(dir, 'bytes'), id + ' ' +
		    req.method + ' ' + body.length + '\n');
		const f = takeFault(req.method);
		if (f.kind === 'reset-before') {
			log(what + ' reset-before');
			req.socket.destroy();
			return;
		}
		if (f.kind === 'status') {
			log(what + ' fault-' + f.code);
			const h = { 'Content-Type': 'application/json' };
			if (f.retryAfter !== undefined)
				h['Retry-After'] = String(f.retryAfter);
			res.writeHead(f.code, h);
			res.end(f.body !== undefined ? f.body :
			    '{"message":"injected fault"}');
			return;
		}
		if (f.kind === 'trickle') {
			log(what + ' trickle');
			res.writeHead(f.code || 500, {
				'Content-Type': 'application/json',
				'Content-Length': '100000',
			});
			const t = setInterval(() => res.write(' '), 1000);
			res.on('close', () => clearInterval(t));
			return;
		}
		setTimeout(() => forward(req, body, (status, headers, answer) => {
			if (status === null) {
				log(what + ' upstream-down');
				req.socket.destroy();
				return;
			}
			if (f.kind === 'reset-after') {
				log(what + ' ' + status + '-reset-after');
				res.writeHead(status, {
					'Content-Type': 'application/json',
					'Content-Length': String(answer.length + 100),
				});
				res.write(answer.subarray(0, answer.length >> 1));
				setTimeout(() => req.socket.destroy(), 50);
				return;
			}
			const send = () => {
				log(what + ' ' + status + (f.kind === 'slow' ?
				    '-slow' : ''));
				delete headers['transfer-encoding'];
				headers['content-length'] = String(answer.length);
				res.writeHead(status, headers);
				res.end(answer);
			};
			if (f.kind === 'slow')
				setTimeout(send, f.ms || 3000);
			else
				send();
		}), latency);
	});
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
	fs.writeFileSync(path.join(dir, 'port.tmp'),
	    String(server.address().port) + '\n');
	fs.renameSync(path.join(dir, 'port.tmp'), path.join(dir, 'port'));
});
process.on('uncaughtException', (e) => log('proxy-error ' + e.message));
for (const sig of ['SIGTERM', 'SIGINT'])
	process.on(sig, () => process.exit(0));
