-- The cluster's configuration decides the incremental flag.
SET 'state.backend.type' = 'rocksdb';

INSERT INTO sessions SELECT * FROM clicks;
