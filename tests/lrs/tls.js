'use strict';
// An HTTPS server whose certificate no CA signed (tls-cert.pem, made once
// for the tests with `openssl req -x509`; its key is test data, not a
// secret), on 127.0.0.1 only: rianru must refuse it (TLS is always
// verified) and say so.
//
//   node tls.js --dir DIR
//
// Writes its port to DIR/port; answers every request 200 "{}" (a client
// that did not verify the certificate would think it reached an LRS).
const fs = require('fs');
const https = require('https');
const path = require('path');

const i = process.argv.indexOf('--dir');
const dir = i > 0 ? process.argv[i + 1] : null;
if (!dir) {
	console.error('tls.js: --dir DIR is required');
	process.exit(2);
}
const server = https.createServer({
	key: fs.readFileSync(path.join(__dirname, 'tls-key.pem')),
	cert: fs.readFileSync(path.join(__dirname, 'tls-cert.pem')),
}, (req, res) => {
	res.setHeader('Content-Type', 'application/json');
	res.end('{}');
});
server.listen(0, '127.0.0.1', () => {
	fs.writeFileSync(path.join(dir, 'port.tmp'),
	    String(server.address().port) + '\n');
	fs.renameSync(path.join(dir, 'port.tmp'), path.join(dir, 'port'));
});
for (const sig of ['SIGTERM', 'SIGINT'])
	process.on(sig, () => process.exit(0));
