'use strict';
/*
 * Reads "label<TAB>statement" lines (tests/xapi/emit.c) on stdin and checks
 * each statement with Learning Locker's xapi-validation, plus the rules of
 * notes/xapi.md that the validator does not look at. Then it breaks good
 * statements on purpose and expects every one of them to be refused, so
 * this suite can fail. Prints "ok"/"FAIL" lines and exits 1 on a failure.
 */
const validate = require('xapi-validation').default;

const UUID4 =
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$/;
const LANGS = ['th-TH', 'en-US'];

/* Problems of one statement: the validator's warnings, then ours. */
function problems(st, now) {
	const out = validate(st).map((w) =>
	    `${w.path.join('.')}: ${w.constructor.name}`);
	if (typeof st !== 'object' || st === null)
		return out.concat(['not an object']);
	if (!UUID4.test(st.id || ''))
		out.push('id: not a version 4 UUID');
	if (!TIMESTAMP.test(st.timestamp || ''))
		out.push('timestamp: not RFC 3339 with milliseconds and a zone');
	else if (Date.parse(st.timestamp) > now)
		out.push('timestamp: in the future');
	for (const k of ['stored', 'authority', 'version'])
		if (k in st)
			out.push(`${k}: set by the client`);
	const a = st.actor || {};
	if (Object.keys(a).sort().join() !== 'account,objectType')
		out.push('actor: must be an Agent with an account only');
	for (const k of Object.keys((st.verb || {}).display || {}))
		if (!LANGS.includes(k))
			out.push(`verb.display: unexpected language ${k}`);
	const def = (st.object || {}).definition || {};
	if (def.interactionType !== undefined)
		out.push(...interaction(def, st.result || {}));
	if (/\/answered$/.test((st.verb || {}).id || '')) {
		/* docs/xapi.md: from showing the question to the answer */
		const d = (st.result || {}).duration;
		if (typeof d !== 'string' ||
		    !/^PT(\d+H)?(\d+M)?(\d+S)?$/.test(d) || d === 'PT')
			out.push('result.duration: missing on answered');
		/* the prompt, shortened, in both languages */
		const nm = def.name || {};
		for (const l of LANGS)
			if (typeof nm[l] !== 'string' || nm[l] === '' ||
			    /\n/.test(nm[l]) || [...nm[l]].length > 120)
				out.push(`object.definition.name: no short ${l}`);
	}
	const ext = (st.context || {}).extensions || {};
	for (const k of Object.keys(ext))
		if (!/^https?:\/\/[^/]+\/.*[^/]\/extension\/[a-z-]+$/.test(k) ||
		    /[^:]\/\//.test(k))
			out.push(`context.extensions: odd key ${k}`);
	if (/\/verb\/reviewed$/.test((st.verb || {}).id || ''))
		out.push(...reviewed(st, ext));
	const id = (st.object || {}).id || '';
	if (/[^:]\/\//.test(id))
		out.push(`object.id: '//' in ${id}`);
	return out;
}

/*
 * docs/xapi.md: a review belongs to no attempt (no registration) and
 * carries the question's memory after it: difficulty 1-10, stability in
 * days above 0, reps at least 1, lapses at least 0, due a timestamp,
 * question-hash the SHA-256 of the question scheduled (64 hex digits).
 */
function reviewed(st, ext) {
	const out = [];
	if ('registration' in (st.context || {}))
		out.push('reviewed: has a registration');
	const e = Object.entries(ext).find(([k]) => /\/extension\/review$/.test(k));
	const v = e ? e[1] : null;
	if (v === null || typeof v !== 'object')
		return out.concat(['reviewed: no review extension']);
	const num = (k, ok) => {
		if (typeof v[k] !== 'number' || !ok(v[k]))
			out.push(`reviewed: ${k} out of range`);
	};
	num('difficulty', (x) => x >= 1 && x <= 10);
	num('stability', (x) => x > 0);
	num('reps', (x) => Number.isInteger(x) && x >= 1);
	num('lapses', (x) => Number.isInteger(x) && x >= 0);
	if (!TIMESTAMP.test(v.due || ''))
		out.push('reviewed: due not a timestamp');
	/* what another machine needs to restart a changed question */
	if (!/^[0-9a-f]{64}$/.test(v['question-hash'] || ''))
		out.push('reviewed: question-hash not 64 hex digits');
	return out;
}

/* Responses and patterns must name components the definition has. */
function interaction(def, result) {
	const out = [];
	const ids = (list) => new Set((list || []).map((c) => c.id));
	const choices = ids(def.choices);
	const source = ids(def.source);
	const target = ids(def.target);
	const check = (what, s) => {
		if (typeof s !== 'string') {
			out.push(`${what}: not a string`);
			return;
		}
		const items = s === '' ? [] : s.split('[,]');
		switch (def.interactionType) {
		case 'choice':
		case 'sequencing':
			for (const i of items)
				if (!choices.has(i))
					out.push(`${what}: '${i}' is no choice`);
			break;
		case 'matching':
			for (const i of items) {
				const [l, r, more] = i.split('[.]');
				if (more !== undefined || !source.has(l) ||
				    !target.has(r))
					out.push(`${what}: bad pair '${i}'`);
			}
			break;
		case 'true-false':
			if (s !== 'true' && s !== 'false')
				out.push(`${what}: not true or false`);
			break;
		case 'numeric':
			if (!/^(-?\d+(\.\d+)?)?(\[:\](-?\d+(\.\d+)?)?)?$/.test(s) ||
			    s === '' || s === '[:]')
				out.push(`${what}: not a number or range`);
			break;
		default:
			break;
		}
	};
	const pats = def.correctResponsesPattern;
	if (!Array.isArray(pats) || pats.length === 0)
		out.push('correctResponsesPattern: missing');
	else
		pats.forEach((p, i) => check(`correctResponsesPattern[${i}]`, p));
	if (result.response !== undefined)
		check('result.response', result.response);
	return out;
}

/*
 * Ways to break a good statement; each must be refused. 'validator' ones
 * must be refused by xapi-validation itself, which proves it is really
 * running; 'ours' are rules it does not check.
 */
const breakers = [
	['no actor', 'validator', (s) => { delete s.actor; }],
	['actor with two identifiers', 'validator',
	    (s) => { s.actor.mbox = 'mailto:a@b.go.th'; }],
	['bad timestamp', 'validator',
	    (s) => { s.timestamp = '23/11/2026 19:20'; }],
	['verb without IRI', 'validator', (s) => { s.verb.id = 'answered'; }],
	['raw above max', 'validator', (s) => { s.result.score.raw = 99; }],
	['scaled above 1', 'validator', (s) => { s.result.score.scaled = 1.5; }],
	['bad duration', 'validator', (s) => { s.result.duration = '12:30'; }],
	['registration not a UUID', 'validator',
	    (s) => { s.context.registration = 'attempt-1'; }],
	['source on a choice', 'validator', (s) => {
		s.object.definition.source = s.object.definition.choices;
	}],
	['unknown key', 'validator',
	    (s) => { s.object.definition.interaction = 'choice'; }],
	['future timestamp', 'ours',
	    (s) => { s.timestamp = '2999-01-01T00:00:00.000Z'; }],
	['timestamp without milliseconds', 'ours',
	    (s) => { s.timestamp = s.timestamp.replace(/\.\d+/, ''); }],
	['unknown choice in response', 'ours',
	    (s) => { s.result.response = 'zz'; }],
	['stored set', 'ours', (s) => { s.stored = s.timestamp; }],
	['actor with a name', 'ours', (s) => { s.actor.name = 'Somchai'; }],
	['answered without duration', 'ours',
	    (s) => { delete s.result.duration; }],
	['question without a name', 'ours',
	    (s) => { delete s.object.definition.name; }],
	['question named in English only', 'ours',
	    (s) => { delete s.object.definition.name['th-TH']; }],
	['question name on two lines', 'ours',
	    (s) => { s.object.definition.name['en-US'] += '\nmore'; }],
];

function main(text) {
	const now = Date.now() + 1000;	/* emitted just before; allow skew */
	let pass = 0, fail = 0;
	const good = {};
	for (const line of text.split('\n')) {
		if (line === '')
			continue;
		const tab = line.indexOf('\t');
		const label = line.slice(0, tab);
		let st, p;
		try {
			st = JSON.parse(line.slice(tab + 1));
			p = problems(st, now);
		} catch (e) {
			p = [`not JSON: ${e.message}`];
		}
		if (p.length === 0) {
			pass++;
			good[label] = st;
			console.log(`ok - ${label}`);
		} else {
			fail++;
			console.log(`FAIL - ${label}: ${p.join('; ')}`);
		}
	}
	/* a dated entry (emit.c: log-coaching) says its time is not known */
	const dated = good['log-coaching'];
	const tod = dated && Object.entries((dated.context || {}).extensions ||
	    {}).find(([k]) => /\/extension\/time-of-day$/.test(k));
	if (tod && tod[1] === 'unknown') {
		pass++;
		console.log('ok - a dated entry marks its time of day unknown');
	} else {
		fail++;
		console.log('FAIL - the dated entry has no time-of-day: unknown');
	}
	/* a review: its own verb, no registration, its memory (docs/xapi.md) */
	const rv = good['reviewed-true-false'];
	const base0 = good['answered-choice'] || { context: {} };
	const reviewBreakers = [
		['reviewed with a registration', (s) => {
			s.context.registration = base0.context.registration;
		}],
		['reviewed without its memory',
		    (s) => { s.context.extensions = {}; }],
		['reviewed with stability 0', (s) => {
			for (const k of Object.keys(s.context.extensions))
				if (/\/extension\/review$/.test(k))
					s.context.extensions[k].stability = 0;
		}],
		['reviewed without its question-hash', (s) => {
			for (const k of Object.keys(s.context.extensions))
				if (/\/extension\/review$/.test(k))
					delete s.context.extensions[k]['question-hash'];
		}],
	];
	if (rv === undefined || 'registration' in rv.context) {
		fail++;
		console.log('FAIL - no good reviewed statement to break');
	} else {
		for (const [name, mutate] of reviewBreakers) {
			const st = JSON.parse(JSON.stringify(rv));
			mutate(st);
			if (problems(st, now).length > 0) {
				pass++;
				console.log(`ok - refused (ours): ${name}`);
			} else {
				fail++;
				console.log(`FAIL - accepted broken: ${name}`);
			}
		}
	}
	/* the negative checks start from an answered choice statement */
	const base = good['answered-choice'];
	if (base === undefined) {
		fail++;
		console.log('FAIL - no answered-choice statement to break');
	} else {
		for (const [name, who, mutate] of breakers) {
			const st = JSON.parse(JSON.stringify(base));
			mutate(st);
			const refused = who === 'validator' ?
			    validate(st).length > 0 : problems(st, now).length > 0;
			if (refused) {
				pass++;
				console.log(`ok - refused (${who}): ${name}`);
			} else {
				fail++;
				console.log(`FAIL - accepted broken: ${name}`);
			}
		}
	}
	if (pass + fail === 0)
		fail++;
	console.log(`xapi: ${pass} passed, ${fail} failed`);
	process.exitCode = fail === 0 ? 0 : 1;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => main(input));
