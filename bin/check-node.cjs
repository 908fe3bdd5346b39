// Stops with one line when this Node.js is too old for ivol-tour, naming the version needed and
// how to get it. Run first by bin/ivol-tour.js and by every npm script (`node bin/check-node.cjs`).
// Written for any Node.js that may run it: CommonJS, ES5 syntax, no dependencies.
'use strict';

// engines.node in package.json says the same (undici, bundled, needs 22.19).
var MIN = [22, 19, 0];

function tooOld(version) {
  var v = version.replace(/^v/, '').split('.').map(Number);
  for (var i = 0; i < MIN.length; i++) {
    if ((v[i] || 0) !== MIN[i]) return (v[i] || 0) < MIN[i];
  }
  return false;
}

function recipe() {
  if (process.platform === 'win32') return 'https://nodejs.org/en/download';
  var arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  var pkg = 'node-' + (process.platform === 'darwin' ? 'darwin' : 'linux') + '-' + arch;
  return 'npm install --prefix "$HOME/.cache/node22" ' + pkg + '@22 && export PATH="$HOME/.cache/node22/node_modules/' + pkg + '/bin:$PATH"';
}

function message(version, env) {
  var want = MIN[0] + '.' + MIN[1];
  var lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  if (/^zh/i.test(lang)) return 'ivol-tour 需要 Node.js ' + want + ' 或更高版本（当前为 ' + version + '）。获取 Node.js 22：' + recipe();
  return 'ivol-tour needs Node.js ' + want + ' or newer (this is ' + version + '). Get Node.js 22: ' + recipe();
}

if (tooOld(process.version)) {
  process.stderr.write(message(process.version, process.env) + '\n');
  process.exit(1);
}

module.exports = { tooOld: tooOld, message: message, MIN: MIN };
