//! Big-data jobs (Flink, HBase, Jedis, Hadoop, Elasticsearch) and the Redis and Elasticsearch
//! client code of services, each with or without the mistakes the rules look for, and the
//! ordinary code that merely mentions the same libraries.

use super::java::{JavaWriter, lower_first};
use crate::rng::Rng;

/// The job templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Job {
    FlinkStream,
    FlinkConfigured,
    HbaseSink,
    HbaseDao,
    JedisCache,
    HadoopDriver,
    ElasticsearchSink,
    FlinkLookup,
    /// A service's Redis repository over a `JedisPool`.
    JedisRepository,
    /// A service's Elasticsearch indexer on the Java API Client.
    SearchIndexer,
}

impl Job {
    #[cfg(test)]
    const ALL: &[Job] = &[
        Job::FlinkStream,
        Job::FlinkConfigured,
        Job::HbaseSink,
        Job::HbaseDao,
        Job::JedisCache,
        Job::HadoopDriver,
        Job::ElasticsearchSink,
        Job::FlinkLookup,
        Job::JedisRepository,
        Job::SearchIndexer,
    ];

    /// A job that fits a module's flavour.
    pub(crate) fn pick(rng: &mut Rng, flavour: &[Job]) -> Job {
        *rng.pick(flavour)
    }

    pub(crate) fn class_suffix(self) -> &'static str {
        match self {
            Job::FlinkStream | Job::FlinkConfigured | Job::FlinkLookup => "Job",
            Job::HbaseSink | Job::ElasticsearchSink => "Sink",
            Job::HbaseDao => "Dao",
            Job::JedisCache => "Cache",
            Job::JedisRepository => "Repository",
            Job::SearchIndexer => "Indexer",
            Job::HadoopDriver => "Driver",
        }
    }
}

/// Writes job `job` as class `class`; `bad` plants the mistakes the rules find. Returns how
/// many findings were planted (for the corpus summary; the linter's count is authoritative).
pub(crate) fn write_job(
    w: &mut JavaWriter<'_>,
    job: Job,
    class: &str,
    bad: bool,
    target: usize,
) -> usize {
    let planted = match job {
        Job::FlinkStream => flink_stream(w, class, bad),
        Job::FlinkConfigured => flink_configured(w, class, bad),
        Job::HbaseSink => hbase_sink(w, class, bad),
        Job::HbaseDao => hbase_dao(w, class, bad),
        Job::JedisCache => jedis_cache(w, class, bad),
        Job::HadoopDriver => hadoop_driver(w, class, bad),
        Job::ElasticsearchSink => elasticsearch_sink(w, class),
        Job::FlinkLookup => flink_lookup(w, class),
        Job::JedisRepository => jedis_repository(w, class, bad),
        Job::SearchIndexer => search_indexer(w, class, bad),
    };
    // Real jobs carry helpers, parsing and validation around the pipeline.
    w.fill(target, true);
    w.close();
    planted
}

#[allow(clippy::too_many_lines, reason = "one job, top to bottom")]
fn flink_stream(w: &mut JavaWriter<'_>, class: &str, bad: bool) -> usize {
    w.imports(&[
        "org.apache.flink.api.common.eventtime.WatermarkStrategy",
        "org.apache.flink.api.common.functions.AggregateFunction",
        "org.apache.flink.api.java.utils.ParameterTool",
        "org.apache.flink.connector.kafka.source.KafkaSource",
        "org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer",
        "org.apache.flink.api.common.serialization.SimpleStringSchema",
        "org.apache.flink.core.execution.CheckpointingMode",
        "org.apache.flink.streaming.api.datastream.DataStream",
        "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment",
        "org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows",
        "java.time.Duration",
        "org.slf4j.Logger",
        "org.slf4j.LoggerFactory",
    ]);
    let noun = w.noun();
    let mut planted = 0;
    let bad_interval = bad && w.rng.chance(0.7);
    let bad_lateness = bad && (!bad_interval || w.rng.chance(0.4));
    // One more leftover of the guide's checklist in some bad jobs: a pause of half a second
    // (FLK005), a 10 s timeout (FLK006), chaining switched off (FLK013), a watermark bound of
    // milliseconds (FLK004), a window without a uid (FLK017), no tolerance for a failed
    // checkpoint (FLK007), a window that drops late data (FLK003), or the memory state
    // backend (FLK010, FLK011).
    let leftover = if bad && w.rng.chance(0.7) {
        planted += 1;
        w.rng.below(8) + 1
    } else {
        0
    };
    // 7 (no lateness handling, FLK003) needs a window that has none: not with a tiny lateness.
    let leftover = if leftover == 7 && bad_lateness {
        6
    } else {
        leftover
    };
    let interval = if bad_interval {
        planted += 1;
        match w.rng.below(3) {
            0 => format!("{}L", w.rng.word(&["500", "1000", "2000", "5000"])),
            1 => {
                w.import("java.util.concurrent.TimeUnit");
                format!("TimeUnit.SECONDS.toMillis({})", w.rng.range(1, 5))
            }
            _ => format!("Duration.ofSeconds({}).toMillis()", w.rng.range(1, 5)),
        }
    } else {
        match w.rng.below(3) {
            0 => format!("{}_000L", w.rng.word(&["60", "120", "300"])),
            1 => format!("Duration.ofMinutes({}).toMillis()", w.rng.range(1, 10)),
            _ => "params.getLong(\"checkpoint.interval.ms\", 60_000L)".to_owned(),
        }
    };
    // A tiny lateness is written with Flink's old `Time` (FLK015 too, not counted as planted):
    // jobs that still have it are the ones that were not kept up to date.
    let lateness = if bad_lateness {
        planted += 1;
        w.import("org.apache.flink.streaming.api.windowing.time.Time");
        format!("Time.milliseconds({})", w.rng.range(1, 9) * 100)
    } else {
        format!("Duration.ofMinutes({})", w.rng.range(1, 10))
    };
    w.line("/**");
    w.line(&format!(
        " * Counts {} events per key and minute and writes the totals back to Kafka.",
        lower_first(noun)
    ));
    w.line(" */");
    w.open(&format!("public class {class}"));
    w.blank();
    w.line(&format!(
        "private static final Logger log = LoggerFactory.getLogger({class}.class);"
    ));
    w.line(&format!(
        "private static final long CHECKPOINT_INTERVAL_MS = {interval};"
    ));
    w.blank();
    w.open("public static void main(String[] args) throws Exception");
    w.line("ParameterTool params = ParameterTool.fromArgs(args);");
    w.line(
        "StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();",
    );
    w.line("env.getConfig().setGlobalJobParameters(params);");
    w.line("env.enableCheckpointing(CHECKPOINT_INTERVAL_MS, CheckpointingMode.EXACTLY_ONCE);");
    if leftover == 1 {
        w.line("env.getCheckpointConfig().setMinPauseBetweenCheckpoints(500);");
    } else {
        w.line("env.getCheckpointConfig().setMinPauseBetweenCheckpoints(30_000);");
    }
    if leftover == 2 {
        w.line("env.getCheckpointConfig().setCheckpointTimeout(10_000);");
    }
    if leftover == 3 {
        w.line("env.disableOperatorChaining(); // to see every operator in the web UI");
    }
    if leftover == 6 {
        // The first failed checkpoint restarts the job (FLK007).
        w.line("env.getCheckpointConfig().setTolerableCheckpointFailureNumber(0);");
    }
    if leftover == 8 {
        // Heap state with checkpoints in the JobManager, removed in Flink 2.0 (FLK010, FLK011).
        w.import("org.apache.flink.runtime.state.memory.MemoryStateBackend");
        w.line("env.setStateBackend(new MemoryStateBackend());");
    }
    w.line("env.setParallelism(params.getInt(\"parallelism\", 4));");
    w.line("env.setMaxParallelism(720);");
    w.blank();
    w.line("KafkaSource<String> source = KafkaSource.<String>builder()");
    w.line("        .setBootstrapServers(params.get(\"bootstrap.servers\", \"kafka:9092\"))");
    let topic = format!("{}-events", lower_first(noun));
    w.line(&format!("        .setTopics(\"{topic}\")"));
    w.line(&format!(
        "        .setGroupId(\"{}\")",
        class.to_ascii_lowercase()
    ));
    w.line("        .setStartingOffsets(OffsetsInitializer.latest())");
    w.line("        .setValueOnlyDeserializer(new SimpleStringSchema())");
    w.line("        .build();");
    w.blank();
    w.line(&format!("DataStream<{noun}Event> events = env"));
    let bound = if leftover == 4 {
        format!("Duration.ofMillis({})", w.rng.word(&["50", "100", "200"]))
    } else {
        format!("Duration.ofSeconds({})", w.rng.word(&["5", "10", "30"]))
    };
    let text = format!(
        "        .fromSource(source, WatermarkStrategy.<String>forBoundedOutOfOrderness({bound}).withIdleness(Duration.ofMinutes(1)), \"kafka\")"
    );
    w.line(&text);
    w.line("        .uid(\"kafka-source\")");
    w.line(&format!("        .map({noun}Event::parse)"));
    w.line("        .name(\"parse\")");
    w.line("        .uid(\"parse\");");
    w.blank();
    w.line("events");
    w.line(&format!("        .keyBy({noun}Event::getKey)"));
    let text = format!(
        "        .window(TumblingEventTimeWindows.of(Duration.ofMinutes({})))",
        w.rng.range(1, 15)
    );
    w.line(&text);
    if leftover != 7 {
        w.line(&format!("        .allowedLateness({lateness})"));
    }
    w.line("        .aggregate(new CountPerKey())");
    w.line("        .name(\"count\")");
    if leftover != 5 {
        w.line("        .uid(\"count\")");
    }
    w.line("        .print();");
    w.blank();
    w.line(&format!("env.execute(\"{}\");", class.to_ascii_lowercase()));
    w.close();
    w.blank();
    w.open(&format!(
        "static final class CountPerKey implements AggregateFunction<{noun}Event, Long, Long>"
    ));
    for (sig, body) in [
        ("public Long createAccumulator()", "return 0L;"),
        (
            &*format!("public Long add({noun}Event value, Long acc)"),
            "return acc + 1;",
        ),
        ("public Long getResult(Long acc)", "return acc;"),
        ("public Long merge(Long a, Long b)", "return a + b;"),
    ] {
        w.line("@Override");
        w.open(sig);
        w.line(body);
        w.close();
        w.blank();
    }
    w.close();
    w.blank();
    planted
}

fn flink_configured(w: &mut JavaWriter<'_>, class: &str, bad: bool) -> usize {
    w.imports(&[
        "java.time.Duration",
        "org.apache.flink.configuration.CheckpointingOptions",
        "org.apache.flink.configuration.Configuration",
        "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment",
    ]);
    let (seconds, legacy) = if bad {
        (w.rng.range(1, 5), w.rng.chance(0.5))
    } else {
        (w.rng.range(60, 600), w.rng.chance(0.5))
    };
    w.line(
        "/** Builds the environment from explicit configuration rather than flink-conf.yaml. */",
    );
    w.open(&format!("public class {class}"));
    w.blank();
    w.open("public static void main(String[] args) throws Exception");
    w.line("StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration());");
    w.line("env.fromSequence(1, 1_000_000).filter(n -> n % 7 == 0).print();");
    w.line(&format!("env.execute(\"{}\");", class.to_ascii_lowercase()));
    w.close();
    w.blank();
    w.open("static Configuration configuration()");
    w.line("Configuration conf = new Configuration();");
    if legacy {
        w.line(&format!(
            "conf.setString(\"execution.checkpointing.interval\", \"{seconds} s\");"
        ));
    } else {
        w.line(&format!(
            "conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds({seconds}));"
        ));
    }
    w.line("conf.setString(\"state.backend.type\", \"rocksdb\");");
    w.line("conf.setString(\"rest.port\", \"8081\");");
    w.line("return conf;");
    w.close();
    w.blank();
    usize::from(bad)
}

fn hbase_imports(w: &mut JavaWriter<'_>) {
    w.imports(&[
        "org.apache.hadoop.hbase.HBaseConfiguration",
        "org.apache.hadoop.hbase.TableName",
        "org.apache.hadoop.hbase.client.Connection",
        "org.apache.hadoop.hbase.client.ConnectionFactory",
        "org.apache.hadoop.hbase.client.Get",
        "org.apache.hadoop.hbase.client.Put",
        "org.apache.hadoop.hbase.client.Result",
        "org.apache.hadoop.hbase.client.Table",
        "org.apache.hadoop.hbase.util.Bytes",
        "java.io.IOException",
    ]);
}

fn hbase_sink(w: &mut JavaWriter<'_>, class: &str, bad: bool) -> usize {
    hbase_imports(w);
    w.import("org.apache.flink.configuration.Configuration");
    w.import("org.apache.flink.streaming.api.functions.sink.RichSinkFunction");
    w.import("org.apache.hadoop.hbase.client.BufferedMutator");
    let noun = w.noun();
    w.line(&format!(
        "/** Writes every {} to HBase, one row per key, through a buffered mutator. */",
        lower_first(noun)
    ));
    w.open(&format!(
        "public class {class} extends RichSinkFunction<{noun}>"
    ));
    w.blank();
    w.line("private static final long serialVersionUID = 1L;");
    w.line("private static final byte[] FAMILY = Bytes.toBytes(\"d\");");
    w.blank();
    w.line("private final String tableName;");
    w.line("private transient Connection connection;");
    w.line("private transient BufferedMutator mutator;");
    w.blank();
    w.open(&format!("public {class}(String tableName)"));
    w.line("this.tableName = tableName;");
    w.close();
    w.blank();
    w.line("@Override");
    w.open("public void open(Configuration parameters) throws Exception");
    w.line("super.open(parameters);");
    w.line("connection = ConnectionFactory.createConnection(HBaseConfiguration.create());");
    w.line("mutator = connection.getBufferedMutator(TableName.valueOf(tableName));");
    w.close();
    w.blank();
    w.line("@Override");
    w.open(&format!(
        "public void invoke({noun} value, Context context) throws Exception"
    ));
    w.line("Put put = new Put(Bytes.toBytes(value.getKey()));");
    w.line("put.addColumn(FAMILY, Bytes.toBytes(\"payload\"), value.toBytes());");
    w.line("mutator.mutate(put);");
    w.close();
    w.blank();
    w.line("@Override");
    w.open("public void close() throws Exception");
    if !bad {
        w.open("if (mutator != null)");
        w.line("mutator.close();");
        w.close();
    }
    w.open("if (connection != null)");
    w.line("connection.close();");
    w.close();
    w.line("super.close();");
    w.close();
    w.blank();
    usize::from(bad)
}

fn hbase_dao(w: &mut JavaWriter<'_>, class: &str, bad: bool) -> usize {
    hbase_imports(w);
    w.import("java.util.List");
    let noun = w.noun();
    let table = format!(
        "{}:{}s",
        w.rng.word(&["shop", "app", "core"]),
        lower_first(noun)
    );
    w.line(&format!(
        "/** Reads and writes {}s; one shared Connection. */",
        lower_first(noun)
    ));
    w.open(&format!("public class {class}"));
    w.blank();
    w.line(&format!(
        "private static final TableName TABLE = TableName.valueOf(\"{table}\");"
    ));
    w.line("private static final byte[] CF = Bytes.toBytes(\"d\");");
    w.blank();
    w.line("private final Connection connection;");
    w.blank();
    w.open(&format!("public {class}(Connection connection)"));
    w.line("this.connection = connection;");
    w.close();
    w.blank();
    w.open("public void save(String id, String status) throws IOException");
    if bad {
        w.line("Table table = connection.getTable(TABLE);");
    } else {
        w.open("try (Table table = connection.getTable(TABLE))");
    }
    w.line("Put put = new Put(Bytes.toBytes(id));");
    w.line("put.addColumn(CF, Bytes.toBytes(\"status\"), Bytes.toBytes(status));");
    w.line("table.put(put);");
    if !bad {
        w.close();
    }
    w.close();
    w.blank();
    w.open("public String status(String id) throws IOException");
    w.open("try (Table table = connection.getTable(TABLE))");
    w.line("Result result = table.get(new Get(Bytes.toBytes(id)));");
    w.line("return result.isEmpty() ? null : Bytes.toString(result.getValue(CF, Bytes.toBytes(\"status\")));");
    w.close();
    w.close();
    w.blank();
    w.open("public void saveAll(List<Put> puts) throws IOException");
    w.open("try (Table table = connection.getTable(TABLE))");
    w.line("table.put(puts);");
    w.close();
    w.close();
    w.blank();
    usize::from(bad)
}

fn jedis_cache(w: &mut JavaWriter<'_>, class: &str, bad: bool) -> usize {
    w.import("redis.clients.jedis.Jedis");
    w.import("redis.clients.jedis.JedisPool");
    w.import("redis.clients.jedis.JedisPoolConfig");
    w.import("java.time.Duration");
    let size = if bad {
        w.rng.range(1, 4)
    } else {
        w.rng.range(16, 128)
    };
    let noun = w.noun();
    w.line(&format!("/** Caches {}s in Redis. */", lower_first(noun)));
    w.open(&format!("public class {class} implements AutoCloseable"));
    w.blank();
    w.line(&format!("private static final int POOL_SIZE = {size};"));
    w.line(&format!(
        "private static final String PREFIX = \"{}:\";",
        lower_first(noun)
    ));
    w.blank();
    w.line("private final JedisPool pool;");
    w.blank();
    w.open(&format!("public {class}(String host, int port)"));
    w.line("JedisPoolConfig config = new JedisPoolConfig();");
    w.line("config.setMaxTotal(POOL_SIZE);");
    w.line("config.setMaxIdle(POOL_SIZE);");
    w.line("config.setMinIdle(1);");
    w.line("config.setMaxWait(Duration.ofMillis(200));");
    w.line("this.pool = new JedisPool(config, host, port);");
    w.close();
    w.blank();
    w.open("public String get(String id)");
    w.open("try (Jedis jedis = pool.getResource())");
    w.line("return jedis.get(PREFIX + id);");
    w.close();
    w.close();
    w.blank();
    w.open("public void put(String id, String value, long ttlSeconds)");
    w.open("try (Jedis jedis = pool.getResource())");
    w.line("jedis.setex(PREFIX + id, ttlSeconds, value);");
    w.close();
    w.close();
    w.blank();
    w.line("@Override");
    w.open("public void close()");
    w.line("pool.close();");
    w.close();
    w.blank();
    usize::from(bad)
}

fn hadoop_driver(w: &mut JavaWriter<'_>, class: &str, bad: bool) -> usize {
    w.imports(&[
        "org.apache.hadoop.conf.Configuration",
        "org.apache.hadoop.conf.Configured",
        "org.apache.hadoop.fs.Path",
        "org.apache.hadoop.io.LongWritable",
        "org.apache.hadoop.io.Text",
        "org.apache.hadoop.mapreduce.Job",
        "org.apache.hadoop.mapreduce.lib.input.FileInputFormat",
        "org.apache.hadoop.mapreduce.lib.output.FileOutputFormat",
        "org.apache.hadoop.util.Tool",
        "org.apache.hadoop.util.ToolRunner",
    ]);
    let replication = if bad { "1" } else { "3" };
    w.line("/** Nightly MapReduce export. */");
    w.open(&format!(
        "public class {class} extends Configured implements Tool"
    ));
    w.blank();
    w.line("@Override");
    w.open("public int run(String[] args) throws Exception");
    w.line("Configuration conf = getConf();");
    w.line(&format!(
        "conf.set(\"dfs.replication\", \"{replication}\");"
    ));
    w.line("conf.set(\"mapreduce.output.fileoutputformat.compress\", \"true\");");
    w.line("Job job = Job.getInstance(conf, \"nightly-export\");");
    w.line(&format!("job.setJarByClass({class}.class);"));
    w.line("job.setOutputKeyClass(Text.class);");
    w.line("job.setOutputValueClass(LongWritable.class);");
    w.line("FileInputFormat.addInputPath(job, new Path(args[0]));");
    w.line("FileOutputFormat.setOutputPath(job, new Path(args[1]));");
    w.line("return job.waitForCompletion(true) ? 0 : 1;");
    w.close();
    w.blank();
    w.open("public static void main(String[] args) throws Exception");
    w.line(&format!(
        "System.exit(ToolRunner.run(new Configuration(), new {class}(), args));"
    ));
    w.close();
    w.blank();
    usize::from(bad)
}

fn elasticsearch_sink(w: &mut JavaWriter<'_>, class: &str) -> usize {
    w.imports(&[
        "org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder",
        "org.apache.flink.connector.elasticsearch.sink.ElasticsearchSink",
        "org.apache.flink.connector.base.DeliveryGuarantee",
        "org.apache.http.HttpHost",
        "org.elasticsearch.action.index.IndexRequest",
        "org.elasticsearch.client.Requests",
        "java.util.HashMap",
        "java.util.Map",
    ]);
    let noun = w.noun();
    w.line(&format!(
        "/** Indexes {}s into Elasticsearch. */",
        lower_first(noun)
    ));
    w.open(&format!("public final class {class}"));
    w.blank();
    w.open(&format!("private {class}()"));
    w.close();
    w.blank();
    w.open(&format!(
        "public static ElasticsearchSink<{noun}> create(String host, String index)"
    ));
    w.line(&format!("return new Elasticsearch7SinkBuilder<{noun}>()"));
    w.line("        .setHosts(new HttpHost(host, 9200, \"http\"))");
    let text = format!(
        "        .setBulkFlushMaxActions({})",
        w.rng.range(100, 5000)
    );
    w.line(&text);
    let text = format!(
        "        .setBulkFlushInterval({})",
        w.rng.range(1, 30) * 1000
    );
    w.line(&text);
    w.line("        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)");
    w.line("        .setEmitter((element, context, indexer) -> indexer.add(toRequest(index, element)))");
    w.line("        .build();");
    w.close();
    w.blank();
    w.open(&format!(
        "static IndexRequest toRequest(String index, {noun} element)"
    ));
    w.line("Map<String, Object> json = new HashMap<>();");
    w.line("json.put(\"id\", element.getId());");
    w.line("json.put(\"updated\", element.getUpdatedAt().toString());");
    w.line("return Requests.indexRequest().index(index).id(element.getId()).source(json);");
    w.close();
    w.blank();
    0
}

/// A Redis repository: reads by id, lists ids, and a pool factory. A bad one leaks a
/// connection (RDS002), lists with `KEYS` (RDS008), or has the password in the code (SEC001).
fn jedis_repository(w: &mut JavaWriter<'_>, class: &str, bad: bool) -> usize {
    w.imports(&[
        "redis.clients.jedis.Jedis",
        "redis.clients.jedis.JedisPool",
        "redis.clients.jedis.JedisPoolConfig",
        "redis.clients.jedis.params.ScanParams",
        "redis.clients.jedis.resps.ScanResult",
        "java.time.Duration",
        "java.util.HashSet",
        "java.util.Set",
    ]);
    // Which mistakes a bad repository has: at least one of the three.
    let (leak, keys, password) = if bad {
        match w.rng.below(5) {
            0 => (true, false, false),
            1 => (false, true, false),
            2 => (false, false, true),
            3 => (true, true, false),
            _ => (false, true, true),
        }
    } else {
        (false, false, false)
    };
    let noun = w.noun();
    let prefix = format!("{}:", lower_first(noun));
    w.line(&format!(
        "/** Stores {}s as Redis strings under `{prefix}<id>`. */",
        lower_first(noun)
    ));
    w.open(&format!("public class {class} implements AutoCloseable"));
    w.blank();
    w.line(&format!(
        "private static final String PREFIX = \"{prefix}\";"
    ));
    w.blank();
    w.line("private final JedisPool pool;");
    w.blank();
    w.open(&format!("public {class}(JedisPool pool)"));
    w.line("this.pool = pool;");
    w.close();
    w.blank();
    w.open("public static JedisPool pool(String host, int port, String password)");
    w.line("JedisPoolConfig config = new JedisPoolConfig();");
    let total = w.rng.range(16, 64);
    w.line(&format!("config.setMaxTotal({total});"));
    w.line("config.setMaxIdle(config.getMaxTotal());");
    w.line("config.setMinIdle(2);");
    w.line("config.setMaxWait(Duration.ofMillis(300));");
    w.line("config.setTestWhileIdle(true);");
    if password {
        let secret = format!(
            "{}{}!{}",
            w.rng.word(&["Redis", "Cache", "Sess"]),
            w.rng.range(1000, 9999),
            w.rng.word(&["prod", "blue", "eu"])
        );
        w.line(&format!(
            "return new JedisPool(config, host, port, 2000, \"{secret}\");"
        ));
    } else {
        w.line("return new JedisPool(config, host, port, 2000, password);");
    }
    w.close();
    w.blank();
    w.open("public String find(String id)");
    if leak {
        w.line("Jedis jedis = pool.getResource();");
        w.line("return jedis.get(PREFIX + id);");
    } else {
        w.open("try (Jedis jedis = pool.getResource())");
        w.line("return jedis.get(PREFIX + id);");
        w.close();
    }
    w.close();
    w.blank();
    w.open("public Set<String> ids()");
    w.open("try (Jedis jedis = pool.getResource())");
    if keys {
        w.line("return jedis.keys(PREFIX + \"*\");");
    } else {
        w.line("Set<String> ids = new HashSet<>();");
        w.line("ScanParams params = new ScanParams().match(PREFIX + \"*\").count(500);");
        w.line("String cursor = ScanParams.SCAN_POINTER_START;");
        w.open("do");
        w.line("ScanResult<String> page = jedis.scan(cursor, params);");
        w.line("ids.addAll(page.getResult());");
        w.line("cursor = page.getCursor();");
        w.close_with(" while (!ScanParams.SCAN_POINTER_START.equals(cursor));");
        w.line("return ids;");
    }
    w.close();
    w.close();
    w.blank();
    w.line("@Override");
    w.open("public void close()");
    w.line("pool.close();");
    w.close();
    w.blank();
    usize::from(leak) + usize::from(keys) + usize::from(password)
}

/// An Elasticsearch indexer on the Java API Client: creates its index, then writes batches. A
/// bad one creates the index without mappings (ELS005), indexes one document per request in a
/// loop (ELS001), or forces a refresh on every batch (ELS004).
fn search_indexer(w: &mut JavaWriter<'_>, class: &str, bad: bool) -> usize {
    w.imports(&[
        "co.elastic.clients.elasticsearch.ElasticsearchClient",
        "co.elastic.clients.elasticsearch.core.BulkRequest",
        "co.elastic.clients.elasticsearch.core.BulkResponse",
        "java.io.IOException",
        "java.util.List",
    ]);
    let (no_mapping, per_doc, refresh) = if bad {
        match w.rng.below(4) {
            0 => (true, false, false),
            1 => (false, true, false),
            2 => (false, false, true),
            _ => (true, true, false),
        }
    } else {
        (false, false, false)
    };
    let noun = w.noun();
    let index = format!(
        "{}s-v{}",
        lower_first(noun).to_ascii_lowercase(),
        w.rng.range(1, 4)
    );
    w.line(&format!(
        "/** Keeps the `{index}` search index in step with the {} store. */",
        lower_first(noun)
    ));
    w.open(&format!("public class {class}"));
    w.blank();
    w.line(&format!("static final String INDEX = \"{index}\";"));
    w.blank();
    w.line("private final ElasticsearchClient client;");
    w.blank();
    w.open(&format!("public {class}(ElasticsearchClient client)"));
    w.line("this.client = client;");
    w.close();
    w.blank();
    w.open("public void ensureIndex() throws IOException");
    w.open("if (client.indices().exists(e -> e.index(INDEX)).value())");
    w.line("return;");
    w.close();
    if no_mapping {
        w.line("client.indices().create(c -> c.index(INDEX));");
    } else {
        w.line("client.indices().create(c -> c");
        w.line("        .index(INDEX)");
        w.line("        .mappings(m -> m");
        w.line("                .properties(\"id\", p -> p.keyword(k -> k))");
        w.line("                .properties(\"name\", p -> p.text(t -> t))");
        w.line("                .properties(\"updatedAt\", p -> p.date(d -> d))));");
    }
    w.close();
    w.blank();
    w.open(&format!(
        "public int indexAll(List<{noun}> batch) throws IOException"
    ));
    if per_doc {
        w.open(&format!("for ({noun} doc : batch)"));
        w.line("client.index(i -> i.index(INDEX).id(doc.getId()).document(doc));");
        w.close();
        w.line("return batch.size();");
    } else {
        if refresh {
            w.import("co.elastic.clients.elasticsearch._types.Refresh");
            w.line("BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);");
        } else {
            w.line("BulkRequest.Builder bulk = new BulkRequest.Builder();");
        }
        w.open(&format!("for ({noun} doc : batch)"));
        w.line(
            "bulk.operations(op -> op.index(i -> i.index(INDEX).id(doc.getId()).document(doc)));",
        );
        w.close();
        w.line("BulkResponse response = client.bulk(bulk.build());");
        w.line("return response.errors() ? 0 : batch.size();");
    }
    w.close();
    w.blank();
    usize::from(no_mapping) + usize::from(per_doc) + usize::from(refresh)
}

fn flink_lookup(w: &mut JavaWriter<'_>, class: &str) -> usize {
    w.imports(&[
        "org.apache.flink.configuration.Configuration",
        "org.apache.flink.streaming.api.functions.async.ResultFuture",
        "org.apache.flink.streaming.api.functions.async.RichAsyncFunction",
        "org.apache.hadoop.hbase.HBaseConfiguration",
        "org.apache.hadoop.hbase.TableName",
        "org.apache.hadoop.hbase.client.AsyncConnection",
        "org.apache.hadoop.hbase.client.AsyncTable",
        "org.apache.hadoop.hbase.client.ConnectionFactory",
        "org.apache.hadoop.hbase.client.Get",
        "org.apache.hadoop.hbase.util.Bytes",
        "java.util.Collections",
    ]);
    let noun = w.noun();
    w.line(&format!(
        "/** Enriches {}s from HBase asynchronously. */",
        lower_first(noun)
    ));
    w.open(&format!(
        "public class {class} extends RichAsyncFunction<{noun}, Enriched{noun}>"
    ));
    w.blank();
    w.line("private transient AsyncConnection connection;");
    w.blank();
    w.line("@Override");
    w.open("public void open(Configuration parameters) throws Exception");
    w.line(
        "connection = ConnectionFactory.createAsyncConnection(HBaseConfiguration.create()).get();",
    );
    w.close();
    w.blank();
    w.line("@Override");
    w.open(&format!(
        "public void asyncInvoke({noun} input, ResultFuture<Enriched{noun}> future)"
    ));
    w.line(&format!(
        "AsyncTable<?> table = connection.getTable(TableName.valueOf(\"{}\"));",
        lower_first(noun)
    ));
    w.line("table.get(new Get(Bytes.toBytes(input.getKey())))");
    w.line(&format!(
        "        .thenAccept(result -> future.complete(Collections.singleton(Enriched{noun}.of(input, result))));"
    ));
    w.close();
    w.blank();
    w.line("@Override");
    w.open("public void close() throws Exception");
    w.line("connection.close();");
    w.close();
    w.blank();
    0
}

/// A method that mentions a big-data or lookalike library in ordinary code: a jOOQ or JDBC
/// `getTable`, a Flink catalog, a Guava `Table`, Hadoop and Flink `Configuration`, HBase
/// `TableName`, an HTTP client pool's `setMaxTotal`, a data-source `max-active` key, a comment
/// about `getAdmin`, an HDFS `setReplication` that is fine, a test's `enableCheckpointing`, an
/// Elasticsearch index created with mappings, a `Properties.keys()` loop.
#[allow(clippy::too_many_lines, reason = "one arm per lookalike")]
pub(crate) fn mention(w: &mut JavaWriter<'_>) {
    let noun = w.noun();
    let var = lower_first(noun);
    match w.rng.below(16) {
        0 => {
            w.import("org.jooq.Field");
            w.import("org.jooq.Table");
            w.open(&format!(
                "public static String qualifiedName(Field<?> {var}Field)"
            ));
            w.line(&format!("Table<?> owner = {var}Field.getTable();"));
            w.line(&format!(
                "return owner == null ? {var}Field.getName() : owner.getName() + \".\" + {var}Field.getName();"
            ));
            w.close();
        }
        1 => {
            w.import("org.apache.flink.table.catalog.Catalog");
            w.import("org.apache.flink.table.catalog.CatalogBaseTable");
            w.import("org.apache.flink.table.catalog.ObjectPath");
            w.open("public CatalogBaseTable describe(Catalog catalog, String database, String name) throws Exception");
            w.line("return catalog.getTable(new ObjectPath(database, name));");
            w.close();
        }
        2 => {
            w.import("com.google.common.collect.HashBasedTable");
            w.import("com.google.common.collect.Table");
            w.open(&format!(
                "public Table<String, String, Long> {var}Matrix(Iterable<{noun}> rows)"
            ));
            w.line("Table<String, String, Long> counts = HashBasedTable.create();");
            w.open(&format!("for ({noun} row : rows)"));
            w.line("counts.put(row.getRegion(), row.getDay(), counts.contains(row.getRegion(), row.getDay()) ? counts.get(row.getRegion(), row.getDay()) + 1 : 1L);");
            w.close();
            w.line("return counts;");
            w.close();
        }
        3 => {
            w.import("org.apache.hadoop.conf.Configuration");
            w.open("public static Configuration hadoopConfiguration(String defaultFs)");
            w.line("Configuration conf = new Configuration();");
            w.line("conf.set(\"fs.defaultFS\", defaultFs);");
            w.line("conf.setInt(\"io.file.buffer.size\", 131_072);");
            w.line("conf.setBoolean(\"fs.hdfs.impl.disable.cache\", true);");
            w.line("return conf;");
            w.close();
        }
        4 => {
            w.import("org.apache.flink.configuration.Configuration");
            w.import("org.apache.flink.configuration.RestOptions");
            w.open("public static Configuration localClusterConfiguration(int port)");
            w.line("Configuration config = new Configuration();");
            w.line("config.set(RestOptions.PORT, port);");
            w.line("config.setString(\"taskmanager.numberOfTaskSlots\", \"2\");");
            w.line("return config;");
            w.close();
        }
        5 => {
            w.import("org.apache.hadoop.hbase.TableName");
            w.import("org.apache.hadoop.hbase.util.Bytes");
            w.open(&format!(
                "public static TableName {var}Table(String namespace)"
            ));
            w.line(&format!("return TableName.valueOf(namespace, \"{var}s\");"));
            w.close();
            w.blank();
            w.open("public static byte[] rowKey(String tenant, long id)");
            w.line("return Bytes.add(Bytes.toBytes(tenant), Bytes.toBytes(Long.MAX_VALUE - id));");
            w.close();
        }
        6 => {
            w.import("org.apache.commons.pool2.impl.GenericObjectPoolConfig");
            w.open(
                "static GenericObjectPoolConfig<HttpConnection> httpPoolConfig(int maxConnections)",
            );
            w.line(
                "GenericObjectPoolConfig<HttpConnection> config = new GenericObjectPoolConfig<>();",
            );
            w.line("config.setMaxTotal(maxConnections);");
            w.line("config.setMaxIdle(Math.max(1, maxConnections / 2));");
            w.line("config.setTestOnBorrow(true);");
            w.line("return config;");
            w.close();
        }
        7 => {
            w.import("java.util.Map");
            w.open("static Map<String, String> legacyDataSourceKeys()");
            w.line("return Map.of(");
            w.line("        \"spring.datasource.tomcat.max-active\", \"maxActive\",");
            w.line("        \"spring.datasource.tomcat.max-idle\", \"maxIdle\",");
            w.line("        \"spring.datasource.tomcat.max-wait\", \"maxWait\");");
            w.close();
        }
        8 => {
            w.line("/**");
            w.line(" * Mirrors the admin operations of the storage layer. Unlike HBase, where one would");
            w.line(" * call {@code connection.getAdmin()} and close it afterwards, our client is stateless.");
            w.line(" */");
            w.open(&format!("public void compact{noun}(String name)"));
            w.line("adminClient.compact(name);");
            w.close();
        }
        9 => {
            w.import("org.apache.hadoop.fs.FileSystem");
            w.import("org.apache.hadoop.fs.Path");
            w.import("java.io.IOException");
            w.open("public static void promote(FileSystem fs, Path staged) throws IOException");
            w.line("fs.setReplication(staged, (short) 3);");
            w.line(
                "fs.rename(staged, new Path(staged.getParent().getParent(), staged.getName()));",
            );
            w.close();
        }
        10 => {
            w.import("org.apache.flink.streaming.api.environment.StreamExecutionEnvironment");
            w.open("static StreamExecutionEnvironment testEnvironment()");
            w.line("StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();");
            w.line("env.enableCheckpointing(60_000);");
            w.line("return env;");
            w.close();
        }
        11 => {
            w.import("java.sql.Connection");
            w.import("java.sql.DatabaseMetaData");
            w.import("java.sql.ResultSet");
            w.import("java.sql.SQLException");
            w.import("java.util.ArrayList");
            w.import("java.util.List");
            w.open("public static List<String> listTables(Connection connection, String schema) throws SQLException");
            w.line("DatabaseMetaData meta = connection.getMetaData();");
            w.line("List<String> names = new ArrayList<>();");
            w.open("try (ResultSet rs = meta.getTables(null, schema, \"%\", new String[] {\"TABLE\"}))");
            w.open("while (rs.next())");
            w.line("names.add(rs.getString(\"TABLE_NAME\"));");
            w.close();
            w.close();
            w.line("return names;");
            w.close();
        }
        12 => {
            w.import("co.elastic.clients.elasticsearch.ElasticsearchClient");
            w.import("java.io.IOException");
            w.open("public boolean indexExists(ElasticsearchClient client, String index) throws IOException");
            w.line("return client.indices().exists(e -> e.index(index)).value();");
            w.close();
        }
        13 => {
            // An index created with its mappings, under a name the caller gives (ELS005 stays
            // silent on both counts).
            w.import("co.elastic.clients.elasticsearch.ElasticsearchClient");
            w.import("java.io.IOException");
            w.open("public void createIndex(ElasticsearchClient client, String index) throws IOException");
            w.line("client.indices().create(c -> c");
            w.line("        .index(index)");
            w.line("        .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)");
            w.line("                .properties(\"id\", p -> p.keyword(k -> k))));");
            w.close();
        }
        14 => {
            // `keys()` of a `Hashtable` and a Jedis `scan`, not the Redis `KEYS` command.
            w.import("java.util.Enumeration");
            w.import("java.util.Properties");
            w.open("public static int countSettings(Properties settings)");
            w.line("int count = 0;");
            w.line("Enumeration<Object> keys = settings.keys();");
            w.open("while (keys.hasMoreElements())");
            w.line("keys.nextElement();");
            w.line("count++;");
            w.close();
            w.line("return count;");
            w.close();
        }
        _ => {
            w.import("org.apache.kafka.clients.admin.AdminClient");
            w.import("org.apache.kafka.clients.admin.NewTopic");
            w.import("java.util.List");
            w.open("public void ensureTopic(AdminClient admin, String topic, int partitions) throws Exception");
            w.line("admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 3))).all().get();");
            w.close();
        }
    }
    w.blank();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every planted mistake is found, and a job without one has no finding.
    #[test]
    fn planted_findings_are_found() {
        let rules = bigdata_lint::registry::all_rules();
        // The Flink line the generated project's `pom.xml` declares (`flink.version` 1.18.1):
        // APIs deprecated only in later lines are current there.
        let targets =
            bdl_core::Targets::NONE.with(bdl_core::Product::Flink, bdl_core::Version::new(1, 18));
        for job in Job::ALL {
            for bad in [true, false] {
                for seed in 0..12 {
                    let mut rng = Rng::new(seed);
                    let mut w = JavaWriter::new(&mut rng, "com.acme.jobs");
                    let planted = write_job(&mut w, *job, "SampleJob", bad, 4_000);
                    let text = w.finish(false);
                    let found: usize = rules
                        .iter()
                        .map(|r| {
                            bdl_syntax::check_one_with_targets(
                                *r,
                                "SampleJob.java",
                                &text,
                                &targets,
                            )
                            .len()
                        })
                        .sum();
                    if planted > 0 {
                        assert!(
                            found >= planted,
                            "{job:?} seed {seed}: {found} < {planted}\n{text}"
                        );
                    } else {
                        assert_eq!(found, 0, "{job:?} bad={bad} seed {seed}\n{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn mentions_are_quiet() {
        let rules = bigdata_lint::registry::all_rules();
        for seed in 0..60 {
            let mut rng = Rng::new(seed);
            let mut w = JavaWriter::new(&mut rng, "com.acme.util");
            w.open("public class Helpers");
            mention(&mut w);
            w.close();
            let text = w.finish(false);
            for rule in &rules {
                let found = bdl_syntax::check_one(*rule, "Helpers.java", &text);
                assert!(found.is_empty(), "seed {seed}: {found:?}\n{text}");
            }
        }
    }
}
