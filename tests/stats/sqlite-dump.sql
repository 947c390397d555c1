PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE trades (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  trade TEXT NOT NULL UNIQUE,
  placements INTEGER NOT NULL
);
INSERT INTO trades VALUES(1,'خیاطی',120);
INSERT INTO trades VALUES(2,'کامپیوتر (ICDL)',33);
INSERT INTO trades VALUES(3,'آشپزی; بیرون‌بر',61);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('trades',3);
CREATE INDEX trades_placements ON trades(placements);
CREATE VIEW big_trades AS SELECT trade, placements FROM trades WHERE placements > 50;
CREATE TRIGGER trades_touch AFTER INSERT ON trades BEGIN
  UPDATE trades SET placements = placements WHERE id = new.id;
END;
COMMIT;
