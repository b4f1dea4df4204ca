-- Keeps library_counts in step with library_items, once per statement (a 5,000-id insert updates
-- a handful of counter rows, not 5,000). Keys are taken in a fixed order so that concurrent
-- statements wait for each other instead of deadlocking.
CREATE FUNCTION library_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO library_counts (favorite, status, state, n)
      SELECT favorite, status, coalesce(state, ''), count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (favorite, status, state) DO UPDATE SET n = library_counts.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO library_counts (favorite, status, state, n)
      SELECT favorite, status, coalesce(state, ''), -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (favorite, status, state) DO UPDATE SET n = library_counts.n + excluded.n;
  ELSE
    INSERT INTO library_counts (favorite, status, state, n)
      SELECT favorite, status, state, sum(delta) FROM (
        SELECT favorite, status, coalesce(state, '') AS state, -1 AS delta FROM old_rows
        UNION ALL
        SELECT favorite, status, coalesce(state, ''), 1 FROM new_rows
      ) AS changes
      GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (favorite, status, state) DO UPDATE SET n = library_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER library_counts_insert AFTER INSERT ON library_items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION library_counts_apply();
--> statement-breakpoint
CREATE TRIGGER library_counts_update AFTER UPDATE ON library_items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION library_counts_apply();
--> statement-breakpoint
CREATE TRIGGER library_counts_delete AFTER DELETE ON library_items
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION library_counts_apply();
--> statement-breakpoint
-- TRUNCATE fires no row or transition triggers: empty the counters with it.
CREATE FUNCTION library_counts_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM library_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER library_counts_truncate AFTER TRUNCATE ON library_items
  FOR EACH STATEMENT EXECUTE FUNCTION library_counts_reset();
--> statement-breakpoint
INSERT INTO library_counts (favorite, status, state, n)
  SELECT favorite, status, coalesce(state, ''), count(*) FROM library_items GROUP BY 1, 2, 3;
