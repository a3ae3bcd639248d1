CREATE TABLE a (id int);
CREATE POLICY p ON a USING (true);
