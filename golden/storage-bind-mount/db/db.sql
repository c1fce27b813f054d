CREATE TABLE flags (flag TEXT);
INSERT INTO flags VALUES ('flag{bind-mounted}');
