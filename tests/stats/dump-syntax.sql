CREATE TABLE t (x integer, y text);
INSERT INTO t VALUES
  (1, 'a'),
  (2, 'b' 'c'),
  (3, 'd');
