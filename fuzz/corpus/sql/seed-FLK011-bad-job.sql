SET 'state.backend' = 'filesystem'; -- expect: FLK011
SELECT 1;
