use bdl_core::{Ctx, Product, RuleMeta, Severity, Version, declare_rule};
use bdl_syntax::config::Entry;
use bdl_syntax::{ConfigFile, Rule};

use crate::site::{Setting, Site};

declare_rule! {
    /// ## What it does
    /// Flags an `hbase-site.xml` whose memstore and block cache fractions together leave less
    /// than 20% of the RegionServer heap, the check HBase runs when a RegionServer starts
    /// (`MemorySizeUtil.checkForClusterFreeHeapMemoryLimit`, `HeapMemorySizeUtil` in 1.x):
    /// - `hbase.regionserver.global.memstore.size` (or, when it is not set, the legacy
    ///   `hbase.regionserver.global.memstore.upperLimit`; default 0.4), plus
    /// - `hfile.block.cache.size` (default 0.4),
    ///
    /// each turned into a whole percentage the way HBase does it (`(int) (fraction * 100)` in
    /// `float` arithmetic), must not exceed 80: HBase throws when
    /// `100 - (memstore% + blockcache%) < (int) (100 * HBASE_CLUSTER_MINIMUM_MEMORY_THRESHOLD)`,
    /// with the threshold 0.2. So `0.5` + `0.4` (the default) is an error, `0.45` + `0.35` is
    /// not, and neither is `0.405` + `0.405` (40% + 40%).
    ///
    /// This is how HBase 1.0 and later read the two settings; for a project that targets an
    /// older release (`target: {hbase: …}` or the build file) the rule is silent.
    ///
    /// A default is only used for a key the file leaves out when the other key is written.
    /// A memstore fraction outside (0, 0.8] is a warning of its own: HBase ignores it and
    /// uses 0.4, which is also what the sum is checked with.
    ///
    /// The rule stays silent when a value cannot be read (a `${var}` the file does not define,
    /// a template placeholder, not a number) and when an absolute size is set
    /// (`hbase.regionserver.global.memstore.memory.size`, `hfile.block.cache.memory.size`,
    /// documented in the `hbase-default.xml` of 2.6.7 and 3.0): the fraction then depends on the heap size, which the file does
    /// not say. An on-heap L2 bucket cache (`hbase.bucketcache.ioengine` `heap`, HBase 1.x)
    /// would add to the sum and is not counted, so such a file may be reported too rarely,
    /// never wrongly.
    ///
    /// ## Why is this bad?
    /// The RegionServer reserves at least 20% of its heap for everything that is not a
    /// memstore or the block cache (RPC buffers, scanners, compactions). When the two
    /// fractions leave less, it refuses to start with "Current heap configuration for MemStore
    /// and BlockCache exceeds the threshold required for successful cluster operation. The
    /// combined value cannot exceed 0.8". A rolling restart with such a file takes down one
    /// RegionServer after the other. Ambari's stack advisor validates the same sum.
    ///
    /// ## Example
    /// ```xml file=hbase-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>hbase.regionserver.global.memstore.size</name>
    ///     <value>0.5</value>
    ///   </property>
    ///   <property>
    ///     <name>hfile.block.cache.size</name>
    ///     <value>0.4</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hbase-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>hbase.regionserver.global.memstore.size</name>
    ///     <value>0.5</value>
    ///   </property>
    ///   <property>
    ///     <name>hfile.block.cache.size</name>
    ///     <value>0.3</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Give the two fractions at most 0.8 together: lower the block cache for a write-heavy
    /// cluster, the memstore for a read-heavy one. To cache more than the heap allows, add an
    /// off-heap bucket cache (`hbase.bucketcache.ioengine` `offheap`) instead of raising
    /// `hfile.block.cache.size`. Replace the legacy `…memstore.upperLimit` with
    /// `hbase.regionserver.global.memstore.size`.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache HBase, `MemorySizeUtil.checkForClusterFreeHeapMemoryLimit` and `getGlobalMemStoreHeapPercent`: <https://github.com/apache/hbase/blob/master/hbase-server/src/main/java/org/apache/hadoop/hbase/io/util/MemorySizeUtil.java>
    /// - Apache HBase, `HConstants.HBASE_CLUSTER_MINIMUM_MEMORY_THRESHOLD` (0.2): <https://github.com/apache/hbase/blob/master/hbase-common/src/main/java/org/apache/hadoop/hbase/HConstants.java>
    /// - Apache HBase reference guide, `hbase-default.xml` (`hfile.block.cache.size`, `hbase.regionserver.global.memstore.size`): <https://hbase.apache.org/book.html#hbase_default_configurations>
    /// - Apache Ambari, HDP 2.2 stack advisor (memstore plus block cache check): <https://github.com/apache/ambari/blob/trunk/ambari-server/src/main/resources/stacks/HDP/2.2/services/stack_advisor.py>
    pub MemstoreBlockcacheOverLimit {
        code: "HBS010",
        name: "memstore-blockcache-over-limit",
        summary: "memstore and block cache fractions above the 0.8 of the heap HBase allows",
        severity: Error,
        kinds: [HadoopXml],
        triggers: ["global.memstore", "hfile.block.cache.size"],
        options: [],
    }
}

const MEMSTORE: &str = "hbase.regionserver.global.memstore.size";
const MEMSTORE_LEGACY: &str = "hbase.regionserver.global.memstore.upperLimit";
const BLOCK_CACHE: &str = "hfile.block.cache.size";

/// Absolute sizes (HBase 2.6+) that take precedence over the fractions.
const ABSOLUTE_SIZES: &[&str] = &[
    "hbase.regionserver.global.memstore.memory.size",
    "hfile.block.cache.memory.size",
];

/// `MemorySizeUtil.DEFAULT_MEMSTORE_SIZE` and `HConstants.HFILE_BLOCK_CACHE_SIZE_DEFAULT`.
const DEFAULT_FRACTION: f32 = 0.4;

/// The largest memstore fraction HBase accepts; above it (or at 0 and below) it uses the default.
const MAX_MEMSTORE: f32 = 0.8;

/// `CONVERT_TO_PERCENTAGE` and `(int) (100 * HBASE_CLUSTER_MINIMUM_MEMORY_THRESHOLD)`.
const PERCENT: f32 = 100.0;
const MIN_FREE_PERCENT: i32 = 20;

impl Rule for MemstoreBlockcacheOverLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(site) = Site::of(file, cx.path()) else {
            return;
        };
        if ABSOLUTE_SIZES.iter().any(|key| file.get(key).is_some()) {
            return;
        }
        // Before 1.0 HBase read these settings differently (no range check on the memstore
        // fraction, a smaller block cache default): not modelled.
        if cx
            .target_version(Product::Hbase)
            .is_some_and(|v| v < Version::new(1, 0))
        {
            return;
        }
        // `getFloat(MEMSTORE, getFloat(MEMSTORE_LEGACY, 0.4))`: the legacy value is parsed even
        // when the new key is set, so an unreadable one is unknown either way.
        let legacy = match site.float(MEMSTORE_LEGACY) {
            Setting::Unreadable(_) => return,
            other => other,
        };
        let memstore = match site.float(MEMSTORE) {
            Setting::Absent => legacy,
            Setting::Unreadable(_) => return,
            set @ Setting::Set { .. } => set,
        };
        let memstore = match memstore {
            Setting::Set { entry, value } => Fraction::written(entry, value),
            _ => Fraction::default(MEMSTORE),
        };
        let block_cache = match site.float(BLOCK_CACHE) {
            Setting::Set { entry, value } => Fraction::written(entry, value),
            Setting::Absent => Fraction::default(BLOCK_CACHE),
            Setting::Unreadable(_) => return,
        };
        if memstore.entry.is_none() && block_cache.entry.is_none() {
            return;
        }
        let replaced = memstore.value > MAX_MEMSTORE || memstore.value <= 0.0;
        let memstore_in_use = if replaced {
            if let Some(entry) = memstore.entry {
                report_ignored(cx, entry, memstore.value);
            }
            DEFAULT_FRACTION
        } else {
            memstore.value
        };
        let gml = percent(memstore_in_use);
        let bcul = percent(block_cache.value);
        // Java `int` arithmetic, as in `CONVERT_TO_PERCENTAGE - (gml + bcul) < 20`.
        let free = 100_i32.wrapping_sub(gml.wrapping_add(bcul));
        if free >= MIN_FREE_PERCENT {
            return;
        }
        let total = i64::from(gml) + i64::from(bcul);
        let memstore_text = if replaced {
            format!(
                "`{}` ({}, replaced by the default {DEFAULT_FRACTION})",
                memstore.key, memstore.value
            )
        } else {
            memstore.describe()
        };
        let message = format!(
            "{memstore_text} and {} give {total}% of the heap to the memstores and the block \
             cache, above the 80% HBase allows: the RegionServer refuses to start",
            block_cache.describe()
        );
        // The later of the two written entries is flagged; the other one gets a label.
        let mut written: Vec<&Fraction<'_>> = [&memstore, &block_cache]
            .into_iter()
            .filter(|f| f.entry.is_some())
            .collect();
        written.sort_by_key(|f| f.entry.map(|e| e.value_span.start));
        let Some((flagged, others)) = written.split_last() else {
            return;
        };
        let Some(flagged_entry) = flagged.entry else {
            return;
        };
        let anchor = format!(
            "{}={}+{}={}",
            memstore.key, memstore.value, block_cache.key, block_cache.value
        );
        let mut reported = cx.report(Severity::Error, flagged_entry.value_span, message);
        reported
            .help(format!(
                "lower `{BLOCK_CACHE}` or `{MEMSTORE}` so that together they stay at or below 0.8"
            ))
            .anchor(anchor);
        for other in others {
            if let Some(entry) = other.entry {
                reported.label(entry.value_span, format!("`{}` is set here", other.key));
            }
        }
    }
}

/// One of the two fractions: written in the file, or HBase's default.
struct Fraction<'f> {
    key: &'f str,
    entry: Option<&'f Entry>,
    value: f32,
}

impl<'f> Fraction<'f> {
    fn written(entry: &'f Entry, value: f32) -> Self {
        Self {
            key: &entry.key,
            entry: Some(entry),
            value,
        }
    }

    fn default(key: &'static str) -> Self {
        Self {
            key,
            entry: None,
            value: DEFAULT_FRACTION,
        }
    }

    /// `` `key` (0.5) `` or `` `key` (0.4, the default) ``.
    fn describe(&self) -> String {
        if self.entry.is_some() {
            format!("`{}` ({})", self.key, self.value)
        } else {
            format!("`{}` ({}, the default)", self.key, self.value)
        }
    }
}

/// `(int) (fraction * 100)` with Java's `float` multiplication and truncating, saturating cast.
#[allow(clippy::cast_possible_truncation)]
fn percent(fraction: f32) -> i32 {
    (fraction * PERCENT) as i32
}

fn report_ignored(cx: &mut Ctx<'_>, entry: &Entry, value: f32) {
    let key = &entry.key;
    cx.report(
        Severity::Warning,
        entry.value_span,
        format!(
            "`{key}` is {value}, outside (0, {MAX_MEMSTORE}]: HBase ignores it and uses the \
             default {DEFAULT_FRACTION}"
        ),
    )
    .help(format!(
        "set `{key}` to a fraction of the heap above 0 and at most {MAX_MEMSTORE}, e.g. {DEFAULT_FRACTION}"
    ))
    .anchor(format!("{key}={value}"));
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;
    use crate::site::site_xml;

    fn run(path: &str, props: &[(&str, &str)]) -> Vec<Diagnostic> {
        check_one(&MemstoreBlockcacheOverLimit, path, &site_xml(props))
    }

    fn found(props: &[(&str, &str)]) -> Vec<(u32, Severity)> {
        run("hbase-site.xml", props)
            .iter()
            .map(|d| (d.start.line, d.severity))
            .collect()
    }

    #[test]
    fn over_the_limit_is_an_error_at_the_later_key() {
        let d = run("hbase-site.xml", &[(MEMSTORE, "0.5"), (BLOCK_CACHE, "0.4")]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].start.line, 3);
        assert_eq!(
            d[0].message,
            "`hbase.regionserver.global.memstore.size` (0.5) and `hfile.block.cache.size` (0.4) \
             give 90% of the heap to the memstores and the block cache, above the 80% HBase \
             allows: the RegionServer refuses to start"
        );
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(d[0].labels[0].start.line, 2);
    }

    #[test]
    fn a_default_fills_in_for_the_other_key() {
        let d = run("hbase-site.xml", &[(BLOCK_CACHE, "0.5")]);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.starts_with(
                "`hbase.regionserver.global.memstore.size` (0.4, the default) and `hfile.block.cache.size` (0.5)"
            ),
            "{}",
            d[0].message
        );
        assert_eq!(found(&[(MEMSTORE, "0.45")]), [(2, Severity::Error)]);
        // Neither key written: nothing to say about the defaults.
        assert!(found(&[("hbase.rootdir", "hdfs://nn/hbase")]).is_empty());
    }

    #[test]
    fn the_limit_is_on_whole_percentages() {
        // 80 exactly is allowed.
        assert!(found(&[(MEMSTORE, "0.4"), (BLOCK_CACHE, "0.4")]).is_empty());
        assert!(found(&[(MEMSTORE_LEGACY, "0.3"), (BLOCK_CACHE, "0.5")]).is_empty());
        // 0.405 + 0.405 is 0.81, but HBase counts 40% + 40%.
        assert!(found(&[(MEMSTORE, "0.405"), (BLOCK_CACHE, "0.405")]).is_empty());
        assert_eq!(
            found(&[(MEMSTORE, "0.45"), (BLOCK_CACHE, "0.36")]),
            [(3, Severity::Error)]
        );
        // A negative block cache lowers the sum, as in HBase.
        assert!(found(&[(MEMSTORE, "0.8"), (BLOCK_CACHE, "-0.1")]).is_empty());
        // A huge block cache saturates like Java's cast and still fails.
        assert_eq!(
            found(&[(MEMSTORE, "0.4"), (BLOCK_CACHE, "3e9")]),
            [(3, Severity::Error)]
        );
    }

    #[test]
    fn the_legacy_key_counts_when_the_new_one_is_absent() {
        assert_eq!(
            found(&[(MEMSTORE_LEGACY, "0.5"), (BLOCK_CACHE, "0.4")]),
            [(3, Severity::Error)]
        );
        // The new key wins over the legacy one.
        assert!(
            found(&[
                (MEMSTORE_LEGACY, "0.5"),
                (MEMSTORE, "0.3"),
                (BLOCK_CACHE, "0.4")
            ])
            .is_empty()
        );
    }

    #[test]
    fn an_out_of_range_memstore_is_replaced_by_the_default() {
        let d = run("hbase-site.xml", &[(MEMSTORE_LEGACY, "0.9")]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].message,
            "`hbase.regionserver.global.memstore.upperLimit` is 0.9, outside (0, 0.8]: HBase \
             ignores it and uses the default 0.4"
        );
        // 0.4 (in use) + 0.5 is still too much.
        assert_eq!(
            found(&[(MEMSTORE, "0"), (BLOCK_CACHE, "0.5")]),
            [(2, Severity::Warning), (3, Severity::Error)]
        );
    }

    #[test]
    fn silent_when_unknown() {
        for (key, value) in [
            (MEMSTORE, "${memstore}"),
            (MEMSTORE, "{{ memstore_fraction }}"),
            (MEMSTORE_LEGACY, "forty"),
        ] {
            assert!(
                found(&[(key, value), (BLOCK_CACHE, "0.7")]).is_empty(),
                "{value}"
            );
        }
        assert!(found(&[(MEMSTORE, "0.7"), (BLOCK_CACHE, "0.4 0.5")]).is_empty());
        assert!(found(&[(MEMSTORE, "0.6"), ("hfile.block.cache.memory.size", "4g")]).is_empty());
        assert!(run("hdfs-site.xml", &[(MEMSTORE, "0.6"), (BLOCK_CACHE, "0.6")]).is_empty());
    }

    #[test]
    fn releases_before_1_0_are_not_modelled() {
        let text = site_xml(&[(MEMSTORE_LEGACY, "0.9"), (BLOCK_CACHE, "0.4")]);
        let on = |major, minor| {
            bdl_syntax::check_one_with_targets(
                &MemstoreBlockcacheOverLimit,
                "hbase-site.xml",
                &text,
                &bdl_core::Targets::NONE.with(Product::Hbase, Version::new(major, minor)),
            )
            .len()
        };
        assert_eq!(on(0, 98), 0);
        assert_eq!(on(1, 4), 1);
    }

    #[test]
    fn values_are_expanded() {
        assert_eq!(
            found(&[("my.cache", "0.6"), (BLOCK_CACHE, "${my.cache}")]),
            [(3, Severity::Error)]
        );
    }
}
