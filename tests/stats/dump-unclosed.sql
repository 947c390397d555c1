CREATE TABLE t (x integer, y text);
INSERT INTO t VALUES (1, 'a);
INSERT INTO t VALUES (2, 'b');
