#!/usr/bin/env bash
# Starts PostgreSQL, Redis, ClickHouse and Kafka (KRaft) on loopback: `up.sh [all|postgres|redis|clickhouse|kafka ...]`.
# Idempotent: a service that already answers at its configured address is used as it is; a missing one is
# installed (Debian packages; Kafka jars from Maven Central) and started, then waited on until healthy.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=env.sh
source "$here/env.sh"
mkdir -p "$TOLLGATE_STATE_DIR" "$TOLLGATE_CACHE_DIR"
chmod 755 "$TOLLGATE_STATE_DIR"

postgres_up() {
  local host port user password database
  host=$(url_part "$DATABASE_URL" host); port=$(url_part "$DATABASE_URL" port)
  user=$(url_part "$DATABASE_URL" user); password=$(url_part "$DATABASE_URL" password)
  database=$(url_part "$DATABASE_URL" database)
  if psql "$DATABASE_URL" -qtAc 'select 1' >/dev/null 2>&1; then echo "already answering at $host:$port"; return 0; fi
  if port_open "$host" "$port" && [[ ! -f $TOLLGATE_STATE_DIR/postgres/started-by-tollgate ]]; then
    echo "something answers at $host:$port but refuses $user@$database; fix DATABASE_URL or free the port" >&2
    return 1
  fi
  apt_install postgresql
  local bin dir
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  dir="$TOLLGATE_STATE_DIR/postgres"
  mkdir -p "$dir" && chown postgres:postgres "$dir"
  # initdb refuses to run as root, so the throwaway cluster belongs to the postgres user.
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    su postgres -s /bin/sh -c "$bin/initdb -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log"
  fi
  if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' status" >/dev/null 2>&1; then
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -l '$dir/postgres.log' -w -t 60 \
      -o \"-c listen_addresses=$host -p $port -c unix_socket_directories='$dir' -c fsync=off\" start" >/dev/null \
      || { tail -n 20 "$dir/postgres.log" >&2; return 1; }
  fi
  touch "$dir/started-by-tollgate"
  psql -h "$host" -p "$port" -U postgres -d postgres -qtAc "
    DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
        CREATE ROLE \"$user\" LOGIN CREATEDB PASSWORD '$password';
      END IF;
    END \$\$;" >/dev/null
  if [[ -z $(psql -h "$host" -p "$port" -U postgres -d postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
    psql -h "$host" -p "$port" -U postgres -d postgres -qtAc "CREATE DATABASE \"$database\" OWNER \"$user\"" >/dev/null
  fi
  wait_until 30 "PostgreSQL at $host:$port" psql "$DATABASE_URL" -qtAc 'select 1'
  echo "started on $host:$port (data: $dir/data)"
}

redis_up() {
  local host port dir
  host=$(url_part "$REDIS_URL" host); port=$(url_part "$REDIS_URL" port)
  dir="$TOLLGATE_STATE_DIR/redis"
  if command -v redis-cli >/dev/null && [[ $(redis-cli -h "$host" -p "$port" ping 2>/dev/null) == PONG ]]; then
    echo "already answering at $host:$port"; return 0
  fi
  apt_install redis-server
  mkdir -p "$dir"
  redis-server --daemonize yes --bind "$host" --port "$port" --save "" --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  wait_until 30 "Redis at $host:$port" sh -c "[ \"\$(redis-cli -h $host -p $port ping)\" = PONG ]" \
    || { tail -n 20 "$dir/redis.log" >&2; return 1; }
  echo "started on $host:$port"
}

clickhouse_ping() { [[ $(curl -fsS -m 2 "$CLICKHOUSE_URL/?query=SELECT%201" 2>/dev/null) == 1 ]]; }

clickhouse_up() {
  local host port dir
  host=$(url_part "$CLICKHOUSE_URL" host); port=$(url_part "$CLICKHOUSE_URL" port)
  dir="$TOLLGATE_STATE_DIR/clickhouse"
  command -v curl >/dev/null || apt_install curl
  if ! clickhouse_ping; then
    apt_install clickhouse-server clickhouse-client
    mkdir -p "$dir/data" "$dir/tmp"
    cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/clickhouse.log</log><errorlog>$dir/clickhouse.err.log</errorlog></logger>
  <http_port>$port</http_port>
  <tcp_port>$CLICKHOUSE_TCP_PORT</tcp_port>
  <listen_host>$host</listen_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>536870912</mark_cache_size>
</yandex>
XML
    nohup clickhouse-server --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1 &
    echo $! >"$dir/pid"
    wait_until 90 "ClickHouse at $CLICKHOUSE_URL" clickhouse_ping \
      || { tail -n 20 "$dir/clickhouse.err.log" "$dir/stdout.log" >&2 2>/dev/null; return 1; }
    echo "started on $host:$port"
  else
    echo "already answering at $host:$port"
  fi
  curl -fsS -m 10 "$CLICKHOUSE_URL/" --data-binary "CREATE DATABASE IF NOT EXISTS \`$CLICKHOUSE_DATABASE\`" >/dev/null
}

kafka_jars() { # resolves the broker and its dependencies from Maven Central once, into the cache
  local lib="$TOLLGATE_CACHE_DIR/kafka-$KAFKA_VERSION/lib"
  if [[ -f $lib/.complete ]]; then echo "$lib"; return 0; fi
  local work="$TOLLGATE_CACHE_DIR/kafka-$KAFKA_VERSION"
  mkdir -p "$work"
  cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.tollgate</groupId><artifactId>kafka-broker</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>$LOG4J_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
  </dependencies>
</project>
POM
  echo "resolving Kafka $KAFKA_VERSION from Maven Central" >&2
  mvn -q -B -Dstyle.color=never -f "$work/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib" >&2
  touch "$lib/.complete"
  echo "$lib"
}

# kafka_tls DIR HOST: a self-signed certificate for the SASL_SSL listener (PKCS12 keystore) and its PEM, which
# clients trust through KAFKA_SSL_CA_FILE. Made once per state directory.
kafka_tls() {
  local dir=$1 host=$2
  [[ -s $dir/ca.pem && -s $dir/broker.p12 ]] && return 0
  mkdir -p "$dir"
  (umask 077 && openssl rand -hex 16 >"$dir/storepass")
  local pass san="dns:$host,dns:localhost"
  pass=$(cat "$dir/storepass")
  [[ $host =~ ^[0-9.]+$ ]] && san="ip:$host,dns:localhost"
  keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=$host" \
    -ext "SAN=$san" -keystore "$dir/broker.p12" -storetype PKCS12 \
    -storepass "$pass" -keypass "$pass" >/dev/null 2>&1
  keytool -exportcert -rfc -alias broker -keystore "$dir/broker.p12" -storepass "$pass" -file "$dir/ca.pem" \
    >/dev/null 2>&1
}

kafka_up() {
  local first host port dir lib
  first=${KAFKA_BROKERS%%,*}; host=${first%:*}; port=${first##*:}
  dir="$TOLLGATE_STATE_DIR/kafka"
  if port_open "$host" "$port"; then echo "already answering at $host:$port"; return 0; fi
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null || apt_install maven
  lib=$(kafka_jars)
  mkdir -p "$dir/logs"
  kafka_tls "$dir/tls" "$host"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$host:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$KAFKA_CONTROLLER_PORT,SASL_SSL://$host:$KAFKA_SASL_SSL_PORT
advertised.listeners=PLAINTEXT://$host:$port,SASL_SSL://$host:$KAFKA_SASL_SSL_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL
listener.name.sasl_ssl.sasl.enabled.mechanisms=PLAIN
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$KAFKA_TEST_SASL_USERNAME="$KAFKA_TEST_SASL_PASSWORD";
ssl.keystore.type=PKCS12
ssl.keystore.location=$dir/tls/broker.p12
ssl.keystore.password=$(cat "$dir/tls/storepass")
ssl.key.password=$(cat "$dir/tls/storepass")
log.dirs=$dir/logs
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  cat >"$dir/log4j2.properties" <<L4J
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $dir/kafka.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.file.ref = file
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = info
L4J
  local java_opts=(-Xms256m -Xmx512m -XX:+UseG1GC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$dir/log4j2.properties")
  if [[ ! -f $dir/logs/meta.properties ]]; then
    local cluster_id
    cluster_id=$(python3 -c 'import base64,uuid;print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')
    java "${java_opts[@]}" -cp "$lib/*" kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$dir/server.properties" \
      >"$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; return 1; }
  fi
  nohup java "${java_opts[@]}" -cp "$lib/*" kafka.Kafka "$dir/server.properties" >"$dir/stdout.log" 2>&1 &
  echo $! >"$dir/pid"
  wait_until 120 "Kafka at $host:$port" port_open "$host" "$port" \
    || { tail -n 30 "$dir/kafka.log" "$dir/stdout.log" >&2 2>/dev/null; return 1; }
  echo "started on $host:$port (Kafka $KAFKA_VERSION, KRaft)"
}

services=("$@")
if (( ${#services[@]} == 0 )) || [[ ${services[0]} == all ]]; then services=(postgres redis clickhouse kafka); fi
pids=()
for s in "${services[@]}"; do
  case $s in postgres|redis|clickhouse|kafka) ;; *) echo "unknown service: $s" >&2; exit 2 ;; esac
  # Each service comes up in parallel; its lines carry its name.
  ( "${s}_up" 2>&1 | sed -u "s/^/[$s] /"; exit "${PIPESTATUS[0]}" ) &
  pids+=($!)
done
failed=()
for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${services[$i]}"); done
if (( ${#failed[@]} > 0 )); then
  echo "infra: could not start: ${failed[*]} (see the lines above)" >&2
  exit 1
fi
echo "infra: ready: ${services[*]}"
