'use strict';
// Talks to the test LRS for the scripts in tests/lrs/ (127.0.0.1 only):
//
//   node lrsctl.js get-all URL KEY SECRET > statements.jsonl
//       every statement the LRS holds, one per line, in one page: the
//       service's "more" cursor compares version 1 UUIDs as strings,
//       which are not in time order, so its later pages miss statements
//   node lrsctl.js post URL KEY SECRET FILE
//       POST the statement (or array) in FILE; prints the status
//   node lrsctl.js faults URL JSON
//       queue faults in the proxy (proxy.js)
//   node lrsctl.js compare DUMP STATEMENTS [STATE [subset]]
//       DUMP is `session dump` output, STATEMENTS get-all output. Checks
//       that the LRS holds each outbox statement in the given state
//       (default delivered) exactly once and nothing else ("subset":
//       other statements may be there too), with the same
//       keys in the same order and the same values once the LRS's own
//       properties (stored, authority, version) are taken out (the only
//       freedom left is a number's spelling: 2.0 comes back as 2). Prints "same N" or what differs; exit 1 on any
//       difference.
const fs = require('fs');
const http = require('http');

function request(url, opts, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, opts, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode,
			    body: Buffer.concat(chunks).toString() }));
		});
		req.on('error', reject);
		req.setTimeout(10000, () => req.destroy(new Error('timeout')));
		req.end(body);
	});
}

function headers(key, secret) {
	return {
		'X-Experience-API-Version': '1.0.3',
		'Content-Type': 'application/json',
		Authorization: 'Basic ' +
		    Buffer.from(key + ':' + secret).toString('base64'),
	};
}

async function getAll(base, key, secret) {
	const origin = new URL(base).origin;
	let url = base.replace(/\/$/, '') + '/statements?limit=1000000';
	let pages = 0;
	while (url && pages++ < 1000) {
		const r = await request(url, { headers: headers(key, secret) });
		if (r.status !== 200)
			throw new Error('GET ' + url + ': ' + r.status + ' ' + r.body);
		const v = JSON.parse(r.body);
		for (const s of v.statements)
			process.stdout.write(JSON.stringify(s) + '\n');
		url = v.more ? origin + v.more : null;
	}
}

function compare(dumpFile, lrsFile, state, subset) {
	const want = new Map();
	for (const line of fs.readFileSync(dumpFile, 'utf8').split('\n')) {
		if (!line)
			continue;
		const [, st, id, ...rest] = line.split('\t');
		if (st === state)
			want.set(id, JSON.stringify(JSON.parse(rest.join('\t'))));
	}
	const seen = new Map();
	let problems = 0;
	const problem = (m) => {
		if (problems++ < 5)
			console.log(m.length > 600 ? m.slice(0, 600) + '...' : m);
	};
	for (const line of fs.readFileSync(lrsFile, 'utf8').split('\n')) {
		if (!line)
			continue;
		const s = JSON.parse(line);
		seen.set(s.id, (seen.get(s.id) || 0) + 1);
		if (!want.has(s.id)) {
			if (subset)
				continue;
			problem('the LRS holds ' + s.id + ', not ' + state +
			    ' in the outbox');
			continue;
		}
		delete s.stored;
		delete s.authority;
		delete s.version;
		if (JSON.stringify(s) !== want.get(s.id))
			problem('body of ' + s.id + ' differs:\n  outbox ' +
			    want.get(s.id) + '\n  lrs    ' + JSON.stringify(s));
	}
	for (const [id, n] of seen)
		if (n !== 1)
			problem(id + ' is at the LRS ' + n + ' times');
	for (const id of want.keys())
		if (!seen.has(id))
			problem(id + ' is not at the LRS');
	if (problems > 0) {
		console.log(problems + ' differences');
		process.exit(1);
	}
	console.log('same ' + want.size);
}

async function main() {
	const [cmd, a, b, c, d] = process.argv.slice(2);
	if (cmd === 'get-all') {
		await getAll(a, b, c);
	} else if (cmd === 'post') {
		const r = await request(a.replace(/\/$/, '') + '/statements',
		    { method: 'POST', headers: headers(b, c) },
		    fs.readFileSync(d));
		console.log(r.status);
	} else if (cmd === 'faults') {
		const r = await request(a + '/__faults', { method: 'POST' }, b);
		console.log(r.body);
	} else if (cmd === 'compare') {
		compare(a, b, c || 'delivered', d === 'subset');
	} else {
		console.error('usage: see the top of lrsctl.js');
		process.exit(2);
	}
}
main().catch((e) => {
	console.error('lrsctl: ' + e.message);
	process.exit(1);
});
