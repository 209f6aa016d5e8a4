// The real time-skipping test server with its clock started at a chosen instant, for cases that
// must cross a given date (a holiday of a past year). It runs the same server classes that
// scripts/install-test-server.sh resolved from Maven Central, through a small launcher
// (test-server-at/TestServerAt.java) compiled here with javac, since TestServer's own command line
// takes no start time.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

const TOOLS = path.join(__dirname, '..', '..', 'tools', 'test-server');
const LAUNCHER = path.join(__dirname, 'test-server-at', 'TestServerAt.java');

/** An executable that starts the test server at `initialTimeMs` (the SDK spawns it with the port). */
export function testServerAtExecutable(initialTimeMs: number): string {
  const classpathFile = path.join(TOOLS, 'classpath.txt');
  if (!existsSync(classpathFile))
    throw new Error(`${classpathFile} is missing: run scripts/setup.sh, which installs the test server`);
  const classpath = readFileSync(classpathFile, 'utf8').trim();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-test-server-at-'));
  execFileSync('javac', ['-cp', classpath, '-d', dir, LAUNCHER], { stdio: 'inherit' });
  const archive = path.join(TOOLS, 'app.jsa');
  // The class-data-sharing archive of the installed server still serves: its class path is a prefix of ours.
  const share = existsSync(archive) ? `-Xshare:auto -XX:SharedArchiveFile="${archive}" ` : '';
  const bin = path.join(dir, 'temporal-test-server-at');
  writeFileSync(
    bin,
    `#!/bin/sh\nexec java ${share}-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -cp "${classpath}:${dir}" TestServerAt "$1" ${initialTimeMs}\n`,
  );
  chmodSync(bin, 0o755);
  return bin;
}

export function timeSkippingEnvAt(initialTimeMs: number): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerAtExecutable(initialTimeMs) } },
  });
}
