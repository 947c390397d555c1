CREATE TABLE t (x integer);
INSERT INTO t VALUES (1),
  (load_extension('/tmp/evil.so'));
