-- Hive: rebuild yesterday's partitions of the clickstream table.
set hive.execution.engine;
set hive.execution.engine=tez;
set hive.exec.dynamic.partition=true;
set hive.exec.dynamic.partition.mode=nonstrict;
SET mapreduce.job.queuename=etl;
set hivevar:dt=2025-03-01;

ADD JAR hdfs:///libs/udfs.jar;
CREATE TEMPORARY FUNCTION clean_url AS 'com.example.hive.CleanUrl';

INSERT OVERWRITE TABLE clicks_daily PARTITION (dt)
SELECT user_id,
       clean_url(url),
       regexp_replace(referrer, "'", ""),   -- strip apostrophes
       concat('it\'s ', page) AS label,
       dt
FROM clicks_raw
WHERE dt = '${hivevar:dt}';

set hive.exec.dynamic.partition;
