'use strict';
// The reference client of figure 4 (bench/README.md): the @xapi/xapi npm
// package sending the same statements as rianru, in the same batch size,
// one batch at a time (sequentially, as rianru does).
//
//   node send.js JSONL ENDPOINT BATCH	(secret in $RIANRU_LRS_SECRET,
//					 key "bench")
//
// The statements (one a line, from `bench_sync queue`) are read and
// parsed before the clock starts: the client is timed from the first
// sendStatements() to the answer of the last. Every answer must be 200
// with one id per statement. Prints n= ms= per_s=, the rate over the
// first and the last tenth of the batches (at least one each), cpu_ms= (the node process
// while sending) and rss_kb= (its peak RSS).
const fs = require('fs');
const XAPI = require('@xapi/xapi');

async function main() {
	const [file, endpoint, batchArg] = process.argv.slice(2);
	const batch = Number(batchArg);
	if (!file || !endpoint || !(batch > 0)) {
		console.error('usage: node send.js JSONL ENDPOINT BATCH');
		process.exit(2);
	}
	const statements = fs.readFileSync(file, 'utf8').split('\n')
	    .filter((l) => l !== '').map((l) => JSON.parse(l));
	const xapi = new XAPI({
		endpoint,
		auth: XAPI.toBasicAuth('bench',
		    process.env.RIANRU_LRS_SECRET || ''),
		version: '1.0.3',
	});
	const nb = Math.ceil(statements.length / batch);
	const now = () => Number(process.hrtime.bigint()) / 1e6;
	const cpu0 = process.cpuUsage();
	const t0 = now();
	const k = Math.max(1, Math.floor(nb / 10));	// a tenth of the batches
	let t10 = 0, t90 = 0;
	for (let i = 0; i < statements.length; i += batch) {
		if (i / batch === k)
			t10 = now();
		if (i / batch === nb - k)
			t90 = now();
		const part = statements.slice(i, i + batch);
		const r = await xapi.sendStatements({ statements: part });
		if (r.status !== 200 || !Array.isArray(r.data) ||
		    r.data.length !== part.length)
			throw new Error('batch at ' + i + ': HTTP ' + r.status);
	}
	const ms = now() - t0;
	const cpu = process.cpuUsage(cpu0);
	const n = statements.length;
	if (k >= nb)
		t10 = t0 + ms;
	const tenth = Math.min(k * batch, n);
	const last = n - Math.max(0, nb - k) * batch;
	console.log('n=' + n + ' ms=' + ms.toFixed(1) + ' per_s=' +
	    Math.round(n / (ms / 1000)) + ' first10_per_s=' +
	    Math.round(tenth / ((t10 - t0) / 1000)) + ' last10_per_s=' +
	    Math.round(last / ((t0 + ms - t90) / 1000)) + ' cpu_ms=' +
	    Math.round((cpu.user + cpu.system) / 1000) + ' rss_kb=' +
	    process.resourceUsage().maxRSS);
}

main().catch((e) => {
	const r = e.response;
	console.error('send.js: ' + e.message +
	    (r ? ': HTTP ' + r.status + ' ' + JSON.stringify(r.data) : ''));
	process.exit(1);
});
