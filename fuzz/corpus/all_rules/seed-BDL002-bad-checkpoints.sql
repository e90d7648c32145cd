-- expect-next-line: BDL002
-- bigdata-lint: disable FLK001
SET 'execution.checkpointing.interval' = '1s'; -- expect: FLK001, FLK005
