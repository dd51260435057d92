#!/usr/bin/env bash
# Builds the benchmarks and runs them all: benchmarks/run.sh [--full | --smoke] [--scale-only] [--only=echo,metering,scale,fanout,hop,handshakes] [--container=jetty] [--java17=PATH] [--java25=PATH]
# Writes benchmarks/results/latest.md and benchmarks/results/latest.png (the echo chart, not with --scale-only).
# The short run takes about 6 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp package -pl benchmarks -am -DskipTests
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
runner_java=java
[ -x "$java25" ] && runner_java="$java25"
jetty_classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath-jetty.txt)"
exec "$runner_java" -Dbench.jetty.classpath="$jetty_classpath" -cp "$classpath" io.fastws.benchmarks.BenchmarkRunner "$@"
