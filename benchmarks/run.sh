#!/usr/bin/env bash
# Builds the benchmarks and runs them all: benchmarks/run.sh [--full] [--scale-only] [--only=echo,metering,scale,fanout,hop,handshakes] [--java17=PATH] [--java25=PATH]
# Writes benchmarks/results/latest.md and benchmarks/results/latest.png (the echo chart, not with --scale-only).
# The short run takes about 4 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp package -pl benchmarks -am -DskipTests
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
runner_java=java
[ -x "$java25" ] && runner_java="$java25"
exec "$runner_java" -cp "$classpath" io.fastws.benchmarks.BenchmarkRunner "$@"
